"""manage.py transliterate: standard input to standard output, line for line."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

MANAGE = Path(__file__).resolve().parents[3] / "manage.py"


def run(data: bytes, *args: str) -> str:
    out = io.StringIO()
    call_command("transliterate", *args, stdin=io.BytesIO(data), stdout=out)
    return out.getvalue()


def test_converts_to_cyrillic_line_for_line():
    data = "Facebook stranica opštine\nLJUBLJANA I NJEGOŠEVA ULICA\r\nnadživeti\n".encode()

    assert run(data, "--to", "cyrl") == (
        "Facebook страница општине\nЉУБЉАНА И ЊЕГОШЕВА УЛИЦА\r\nнадживети\n"
    )


def test_converts_to_latin():
    assert run("ЉУБЉАНА\nЉ. Петровић".encode(), "--to", "latn") == "LJUBLJANA\nLj. Petrović"


def test_html_option_converts_only_text():
    data = b'<p title="Vesti">Vesti</p>\n<code>nj</code>\n'

    assert run(data, "--to", "cyrl", "--html") == '<p title="Вести">Вести</p>\n<code>nj</code>\n'


def test_invalid_utf8_names_the_line():
    data = b"prvo\ndrugo\n" + b"tre\xff\xfee\n"

    with pytest.raises(
        CommandError, match=r"Line 3 is not valid UTF-8 \(byte 0xff at position 4\)"
    ):
        run(data, "--to", "cyrl")


def test_invalid_utf8_replaced_on_request():
    err = io.StringIO()
    out = io.StringIO()

    call_command(
        "transliterate", "--to", "cyrl", "--errors", "replace",
        stdin=io.BytesIO(b"a\xffb\n"), stdout=out, stderr=err,
    )  # fmt: skip

    assert out.getvalue() == "а\ufffdб\n"
    assert "Line 1 is not valid UTF-8" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_real_process_reads_stdin_and_fails_on_bad_bytes():
    ok = subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [sys.executable, str(MANAGE), "transliterate", "--to", "cyrl"],
        input="Opština na www.opstina.rs\n".encode(),
        capture_output=True,
        check=False,
    )
    bad = subprocess.run(  # noqa: S603
        [sys.executable, str(MANAGE), "transliterate", "--to", "latn"],
        input=b"\xd0\x9e\xd0\xba\n\xd0\n",
        capture_output=True,
        check=False,
    )

    assert (ok.returncode, ok.stdout.decode()) == (0, "Општина на www.opstina.rs\n")
    assert bad.returncode == 1
    assert bad.stdout.decode() == "Ok\n"
    assert "Line 2 is not valid UTF-8" in bad.stderr.decode()
