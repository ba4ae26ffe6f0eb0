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
    }
