from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "prongsai.measures"
    label = "measures"

    # Rows whose content each audit event binds; `audit verify` checks them all (lookup:
    # model → its agency).
    audited_models = {
        "Measure": "agency",
        "StatusUpdate": "measure__agency",
        "Evidence": "update__measure__agency",
        "StatusWithdrawal": "update__measure__agency",
    }

    # History tables (besides those audit.guard guards itself) whose append-only triggers
    # `audit verify` and restore check.
    append_only_tables = ("measures_statuswithdrawal",)
