"""The offline tools run as plain commands: no DEBUG, no SECRET_KEY, no database, no var/.

Each test runs the installed `prongsai` entry point in a fresh process whose environment
holds only PATH, HOME and the path to this source tree, in an empty working folder.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from prongsai.core.offline import is_offline_command

SRC = Path(__file__).resolve().parent.parent / "src"
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed-ummao-2565.txt"


def prongsai(tmp_path: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("prongsai")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "prongsai.cli"]
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "PYTHONPATH": str(SRC),
    }
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return subprocess.run(
        [*command, *args], input=stdin, capture_output=True, env=env, cwd=work, timeout=120
    )


def assert_left_nothing(tmp_path: Path) -> None:
    assert list((tmp_path / "work").iterdir()) == []  # no var/, no database file


def test_lint(tmp_path):
    done = prongsai(tmp_path, "lint", str(SEED), "--format", "json")
    assert done.returncode == 1, done.stderr.decode()  # the seed memo has findings
    assert "province_code" in {f["code"] for f in json.loads(done.stdout)["findings"]}
    # An agency given by its Thai name needs no database either.
    done = prongsai(tmp_path, "lint", str(SEED), "--agency", "เทศบาลตำบลอุ่มเม่า")
    assert done.returncode == 1, done.stderr.decode()
    assert_left_nothing(tmp_path)


def test_score(tmp_path):
    rows = "code,value\n" + "".join(f"{n},82.48\n" for n in range(1, 11))
    done = prongsai(
        tmp_path, "score", "--year", "2565", "-", "--format", "json", stdin=rows.encode()
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["band"] == "B"
    assert_left_nothing(tmp_path)


def test_frameworks(tmp_path):
    done = prongsai(tmp_path, "frameworks", "list")
    assert done.returncode == 0, done.stderr.decode()
    assert "2565" in done.stdout.decode()
    assert_left_nothing(tmp_path)


def test_import_without_save(tmp_path):
    done = prongsai(tmp_path, "import", str(SEED), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["fiscal_year"] == 2565
    assert_left_nothing(tmp_path)


def test_help(tmp_path):
    for args in (["--help"], ["migrate", "--help"]):
        done = prongsai(tmp_path, *args)
        assert done.returncode == 0, done.stderr.decode()
    assert_left_nothing(tmp_path)


@pytest.mark.parametrize(
    "args",
    [
        ["migrate"],
        ["import", str(SEED), "--save", "--agency", "ummao", "--year", "2566"],
        ["lint", str(SEED), "--agency", "ummao"],  # a slug is looked up in the database
        ["agency", "import", str(SEED)],  # "import" after "agency" is no offline import
    ],
)
def test_commands_that_touch_the_database_still_need_the_secret(tmp_path, args):
    done = prongsai(tmp_path, *args)
    assert done.returncode != 0
    assert "SECRET_KEY is required" in done.stderr.decode()


def test_the_web_server_still_needs_the_secret(tmp_path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", "import prongsai.wsgi"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode != 0
    assert "SECRET_KEY is required" in done.stderr.decode()


@pytest.mark.parametrize(
    ("args", "offline"),
    [
        ([], True),
        (["lint", "memo.docx"], True),
        (["lint", "memo.docx", "--agency", "ummao"], False),
        (["lint", "memo.docx", "--agency=ummao"], False),
        (["score", "--year", "2565", "x.csv"], True),
        (["frameworks", "check"], True),
        (["import", "memo.docx"], True),
        (["import", "memo.docx", "--save", "--agency", "ummao"], False),
        (["runserver"], False),
        (["serve"], False),
        (["migrate"], False),
        (["render", "--agency", "ummao"], False),
        (["shell"], False),
        (["agency", "import", "agencies.csv"], False),
        (["agency", "add", "--slug", "x"], False),
        (["user", "add", "--email", "a@example.org", "--operator"], False),
    ],
)
def test_which_commands_are_offline(args, offline):
    assert is_offline_command(args) is offline
