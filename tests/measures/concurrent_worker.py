"""One writer process of test_concurrency: N status updates through the services.

With WRITER_STARTED_FILE set, the file is written once the first update is in, so a test
can start what must overlap the writes (a backup) only once they are under way."""

import os
import sys


def main(worker: int, count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from prongsai.measures.models import Measure
    from prongsai.measures.services import report_status

    user = get_user_model().objects.get(username="ummao-coordinator")
    measures = list(Measure.objects.filter(agency__slug="ummao", fiscal_year=2565))
    errors = 0
    started = os.environ.get("WRITER_STARTED_FILE", "")
    for i in range(count):
        if i == 1 and started:  # one update written: whoever waits may go on
            with open(started, "w") as marker:
                marker.write("1")
        try:
            report_status(
                actor=user,
                measure=measures[(worker + i) % len(measures)],
                status="in_progress",
                note=f"w{worker}-{i}",
            )
        except Exception as exc:  # noqa: BLE001 - counted and reported to the test
            errors += 1
            print(f"error: {exc!r}", file=sys.stderr)
    print(f"errors={errors}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
