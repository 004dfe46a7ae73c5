from __future__ import annotations

import pytest

from graph.errors import InvalidValue
from graph.values.email import Email
from graph.values.phone import Phone


@pytest.mark.parametrize(
    ("raw", "address"),
    [
        ("Amara.Okafor@Example.org", "amara.okafor@example.org"),
        (" mailto:a.b+tag@mail.co.uk ", "a.b+tag@mail.co.uk"),
        ("MAILTO:someone@example.com?subject=hi", "someone@example.com"),
        ("<someone@example.com>", "someone@example.com"),
        ("someone@example.com.", "someone@example.com"),
        ("someone@Example.COM", "someone@example.com"),
        ("j.smith [at] example [dot] com", "j.smith@example.com"),
        ("j.smith(at)example(dot)co(dot)uk", "j.smith@example.co.uk"),
        ("ｊｓｍｉｔｈ＠ｅｘａｍｐｌｅ．ｃｏｍ", "jsmith@example.com"),
        ("jsmith@bücher.de", "jsmith@xn--bcher-kva.de"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("x@example.xn--p1ai", "x@example.xn--p1ai"),
    ],
)
def test_emails_clean(raw: str, address: str) -> None:
    email = Email.clean(raw)
    assert (email.key, email.original) == (address, raw)


@pytest.mark.parametrize(
    "bad",
    [
        "amara@",
        "@example.org",
        "a b@example.org",
        "a@b",
        "a@@b.com",
        "a@b@c.com",
        ".a@example.org",
        "a.@example.org",
        "a..b@example.org",
        "a@-example.org",
        "a@example.c",
        "a@example.123",
        '"quoted"@example.org',
        ("a" * 65) + "@example.org",
        "a@" + ("b" * 250) + ".com",
        "",
        "  ",
    ],
)
def test_bad_emails(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Email.clean(bad)
    assert caught.value.field == "email"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("J.Smith+hate@gmail.com", "jsmith@googlemail.com"),
        ("jsmith+x@outlook.com", "JSmith@outlook.com"),
    ],
)
def test_mailbox_compares_subaddresses_and_gmail_dots(a: str, b: str) -> None:
    ea, eb = Email.clean(a), Email.clean(b)
    assert ea.mailbox == eb.mailbox
    assert ea.key != eb.key  # a comparison, not an identity


def test_dots_matter_outside_gmail() -> None:
    assert Email.clean("j.smith@outlook.com").mailbox != Email.clean("jsmith@outlook.com").mailbox


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("07911 123456", "+447911123456"),
        ("+44 7911 123456", "+447911123456"),
        ("+44 (0)7911 123456", "+447911123456"),
        ("0044 7911 123456", "+447911123456"),
        ("07911-123-456", "+447911123456"),
        ("(0161) 496 0000", "+441614960000"),
        ("020 7946 0000", "+442079460000"),
        ("tel:+442079460000", "+442079460000"),
        ("０７９１１ １２３４５６", "+447911123456"),
        ("+1 202 555 0143", "+12025550143"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("07911 123456 ext. 12", "+447911123456"),
    ],
)
def test_phones_become_e164(raw: str, e164: str) -> None:
    assert Phone.clean(raw).key == e164


def test_default_region_reads_national_numbers() -> None:
    assert Phone.clean("06 12 34 56 78", default_region="FR").e164 == "+33612345678"
    with pytest.raises(ValueError, match="not a region"):
        Phone.clean("07911 123456", default_region="XX")


@pytest.mark.parametrize(
    "bad", ["12", "not a phone", "07911 1234564567", "07700 900123", "+44 1234", "", "  "]
)
def test_bad_phones(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Phone.clean(bad)
    assert caught.value.field == "phone"


def test_phone_region_and_type() -> None:
    mobile = Phone.clean("07812 345678")
    assert (mobile.region, mobile.is_mobile) == ("GB", True)
    assert Phone.clean("07911 123456").region == "GG"  # a Guernsey range inside +44 7
    assert Phone.clean("020 7946 0000").is_mobile is False
