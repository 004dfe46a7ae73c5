"""Referral files whose contact details are what the public actually types (issue 21.1).

:func:`realistic` labels each referral with the fields it made unverifiable, from lists whose
every entry is, by construction, valid or not: internationalised emails (valid), emails
missing a part (not), mobile numbers in ranges no operator holds (076xx pagers, Ofcom's drama
range 07700 900xxx: possible numbers), postcodes with a character dropped, added or swapped for
a letter O (not), handles with spaces, without a platform, or breaking the platform's rules.

:func:`harder` gives the code less help: display names and notes around addresses, two numbers
in one box, postcodes with the town, handles with a note, platforms by other names, anonymous
reporters who leave an email anyway, pasted paragraphs, look-alike characters, and no labels:
it measures whether anything is lost, not which warnings are given.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

POSTCODES = ("WN1 1AA", "M1 1AE", "LS1 4AP", "SE1 2DL", "BD6 1DB", "BH21 7AT", "CM8 1EF",
             "KT3 3AA", "AB10 1AB", "B33 8TH", "CF10 1EP", "NE1 4ST")  # fmt: skip
NAMES = ("Amara Okafor", "José García", "Siobhán Ó Briain", "Zoë Müller", "Mehmet Yılmaz",
         "Priya Sharma", "Wei Zhang", "Łucja Nowak", "Kofi Mensah", "Aisha Begum")  # fmt: skip
PLAIN_EMAILS = ("amara.okafor@example.org", "priya.sharma+hate@gmail.com",
                "k.mensah@example.co.uk", "A.Begum@Example.ORG")  # fmt: skip
INTERNATIONAL_EMAILS = ("José.García@example.es", "zoë.müller@example.de",
                        "mehmet.yılmaz@örnek.com.tr", "用户@例子.广告", "łucja@example.pl",
                        "siobhán@example.ie")  # fmt: skip
BAD_EMAILS = ("amara@", "amara.okafor@gmail", "amara okafor@example.org", "amara@@example.org",
              "amara@example..org", "@example.org", "amara.okafor.example.org",
              "amara@example,org")  # fmt: skip
GOOD_PHONES = ("07911 123456", "+44 7911 123456", "0161 496 0000", "020 7946 0000",
               "07812 345678", "+353 85 123 4567")  # fmt: skip
BAD_PHONES = ("ring after 6", "n/a", "home")
PLATFORMS = ("x", "instagram", "tiktok", "facebook")
GOOD_HANDLES = ("jsmith88", "@proudpatriot1", "angrydave", "realnorth77")  # on any of them


@dataclass
class Mixed:
    payloads: list[dict[str, Any]] = field(default_factory=list)
    expected: list[set[str]] = field(default_factory=list)  # fields each left unverified
    possible_numbers: int = 0


def _unallocated_mobile(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"07700 900{rng.randint(0, 999):03d}"  # Ofcom's drama range
    return f"076{rng.choice((10, 11, 20, 30, 50, 80, 90)):02d} {rng.randint(0, 999_999):06d}"


def _mistyped_postcode(rng: random.Random) -> str:
    good = rng.choice(POSTCODES)
    how = rng.randrange(3)
    if how == 0:
        return good[:-1]  # a character dropped
    if how == 1:
        return good + good[-1]  # one doubled
    outward, inward = good.split()
    return f"{outward} O{inward[1:]}"  # a letter O for the zero... or any digit


def _party(rng: random.Random, mixed: Mixed, path: str, role: str) -> dict[str, Any]:
    party: dict[str, Any] = {"role": role, "consent_to_contact": rng.random() < 0.8}
    if role == "anonymous":
        return {"role": role}
    party["name"] = rng.choice(NAMES)
    unverified = mixed.expected[-1]
    if rng.random() < 0.8:
        roll = rng.random()
        if roll < 0.70:
            party["email"] = rng.choice(PLAIN_EMAILS)
        elif roll < 0.85:
            party["email"] = rng.choice(INTERNATIONAL_EMAILS)
        else:
            party["email"] = rng.choice(BAD_EMAILS)
            unverified.add(f"{path}.email")
    if rng.random() < 0.5:
        roll = rng.random()
        if roll < 0.65:
            party["phone"] = rng.choice(GOOD_PHONES)
        elif roll < 0.9:
            party["phone"] = _unallocated_mobile(rng)
            unverified.add(f"{path}.phone")
            mixed.possible_numbers += 1
        else:
            party["phone"] = rng.choice(BAD_PHONES)
            unverified.add(f"{path}.phone")
    if rng.random() < 0.6:
        if rng.random() < 0.8:
            party["postcode"] = rng.choice(POSTCODES).lower().replace(" ", rng.choice(("", " ")))
        else:
            party["postcode"] = _mistyped_postcode(rng)
            unverified.add(f"{path}.postcode")
    return party


def _suspect(rng: random.Random, mixed: Mixed, index: int) -> dict[str, Any]:
    path = f"suspects[{index}]"
    platform = rng.choice(PLATFORMS)
    roll = rng.random()
    if roll < 0.65:
        return {"platform": platform, "handle": rng.choice(GOOD_HANDLES)}
    mixed.expected[-1].add(f"{path}.handle")
    if roll < 0.80:  # breaks every platform's rules, but has no spaces: still names the account
        return {"platform": platform, "handle": rng.choice(("j--smith!!", "sm!th~88", "d@ve*"))}
    if roll < 0.92:
        return {"platform": platform, "handle": rng.choice(("J Smith", "dave from work"))}
    return {"handle": rng.choice(GOOD_HANDLES)}  # no platform: it names no account


def realistic(count: int, seed: int = 21) -> Mixed:
    rng = random.Random(seed)
    mixed = Mixed()
    for n in range(count):
        mixed.expected.append(set())
        role = rng.choices(("victim", "witness", "third_party", "anonymous"), (5, 3, 1, 1))[0]
        payload: dict[str, Any] = {
            "source": "true-vision",
            "source_ref": f"CM-{n:06d}",
            "submitted_at": "2026-06-01T04:08:00Z",
            "reporter": _party(rng, mixed, "reporter", role),
            "incident": {
                "description": "Abuse aimed at me online",
                "location_type": "online",
                "strands": [rng.choice(("race", "religion", "disability"))],
            },
            "content": [
                {
                    "platform": "x",
                    "url": f"https://x.com/user{n % 97}/status/{1796512345678900000 + n}",
                    "text": f"hateful post number {n}",
                }
            ],
        }
        if role != "victim" and rng.random() < 0.4:
            payload["victim"] = _party(rng, mixed, "victim", "victim")
        if rng.random() < 0.85:
            payload["suspects"] = [_suspect(rng, mixed, 0)]
        mixed.payloads.append(payload)
    return mixed


# The harder file: what the boxes on a form and the columns of a partner's export get.
HARD_EMAILS = ("Amara Okafor <amara@example.org>", "amara@example.org (home)",
               "a@x.org; b@y.org", "ZOË@EXAMPLE.COM", "amara\u200b@example.org",
               "\u202eamara@example.org", "😀@example.com", "amara@example.org.",
               "mailto:amara@example.org?subject=report", "07911 123456", "none",
               "josé.garcía@example.es ", "amara@exa mple.org", "amara@xn--zz.org",
               "amara@localhost", "amara@192.168.0.1", "\"amara okafor\"@example.org",
               "amara@example.c0m")  # fmt: skip
HARD_PHONES = ("07911 123456 or 0161 496 0000", "+44 (0) 7911-123-456 ext 2",
               "seven nine one one", "447911123456", "00447911123456", "+1 (555) 010-9999",
               "07911 123 456 (mobile)", "٠٧٩١١١٢٣٤٥٦", "amara@example.org", "0",
               "+44 7911 123456\nwork: 0161 496 0000", "07911-123-456-7890-1234")  # fmt: skip
HARD_POSTCODES = ("wn1 1aa, wigan", "WN1 1AA UK", "W N 1 1 A A", "WN1-1AA", "BT1 1AA",
                  "JE2 3AB", "GIR 0AA", "Unknown", "-", "0", "n/a", "Flat 2, 14 High St, Wigan",
                  "M1", "SW1A", "ZZ9 9ZZ", "E1W 1AA")  # fmt: skip
HARD_HANDLES = ("@jsmith88 (main account)", "jsmith88, jsmith_alt", "https://x.com/jsmith88",
                "x.com/jsmith88", "@JSmith88\u200b", "ＪＳｍｉｔｈ", "u/jsmith",
                "https://www.facebook.com/jsmith", "@", "jsmith88" * 20, "t.me/jsmith",
                "07700 900123")  # fmt: skip
HARD_PLATFORMS = ("Twitter/X", "FB", "insta", "Tik Tok", "Gab", "truth social", "whatsapp",
                  "telegram", "", "www.tiktok.com", "Instagram (IG)")  # fmt: skip
PASTED = ("Please call me after 6pm on weekdays, I work nights on Tuesdays and Thursdays so "
          "the best time is the morning, or leave a message with my sister on the landline. "
          "My mobile is 07911 123456 but it is often switched off at work, and my email is "
          "amara.okafor@example.org though I rarely check it. ") * 2  # fmt: skip


def harder(count: int, seed: int = 25) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    payloads = []
    for n in range(count):
        role = rng.choice(("victim", "witness", "third_party", "organisation", "anonymous"))
        reporter: dict[str, Any] = {"role": role}
        if role != "anonymous" or rng.random() < 0.5:  # anonymous, and an email anyway
            reporter["email"] = rng.choice(HARD_EMAILS)
        if role != "anonymous":
            reporter["name"] = rng.choice(NAMES)
            reporter["consent_to_contact"] = rng.random() < 0.7
            reporter["phone"] = rng.choice((*HARD_PHONES, PASTED))
        reporter["postcode"] = rng.choice(HARD_POSTCODES)
        suspects = [
            {"platform": rng.choice(HARD_PLATFORMS), "handle": rng.choice(HARD_HANDLES)}
            for _ in range(rng.randint(0, 3))
        ]
        for suspect in suspects:
            if suspect["platform"] == "" or rng.random() < 0.1:
                del suspect["platform"]
            if rng.random() < 0.2:
                suspect["profile_url"] = rng.choice(("facebook.com/jsmith", "not a link", "@js"))
        payloads.append(
            {
                "source": "partner-export",
                "source_ref": f"HX-{n:06d}",
                "submitted_at": "2026-06-01T04:08:00+01:00",
                "reporter": reporter,
                "incident": {
                    "description": "Abuse online",
                    "location_type": rng.choice(("online", "specific_location")),
                    "force_code": rng.choice((None, "e23000005", "GMP", "")),
                    "strands": ["race"],
                },
                "content": [{"platform": "X", "text": f"hateful post {n}"}],
                "suspects": suspects,
            }
        )
    return payloads
