"""Every citation in the offence table, read against the statute's own numbering.

MCA 1988 s1(1): (a) a letter, electronic communication or article conveying (i) an indecent or
grossly offensive message, (ii) a threat, (iii) false information; (b) an article or electronic
communication which is, in whole or part, of an indecent or grossly offensive nature. CDA 1998
s31(1): (a) POA s4, (b) s4A, (c) s5; s32(1): (a) PHA s2 or 2A, (b) s4 or 4A.
"""

from __future__ import annotations

import pytest

from graph.law.offences import offence_table

CITATIONS = {
    "mca1988_s1_offensive": "Malicious Communications Act 1988 s1(1)(a)(i), (1)(b)",
    "mca1988_s1_threat": "Malicious Communications Act 1988 s1(1)(a)(ii)",
    "mca1988_s1_false": "Malicious Communications Act 1988 s1(1)(a)(iii)",
    "osa2023_s181": "Online Safety Act 2023 s181",
    "osa2023_s179": "Online Safety Act 2023 s179",
    "ca2003_s127_1": "Communications Act 2003 s127(1)",
    "ca2003_s127_2_ab": "Communications Act 2003 s127(2)(a)-(b)",
    "ca2003_s127_2_c": "Communications Act 2003 s127(2)(c)",
    "oapa1861_s16": "Offences Against the Person Act 1861 s16",
    "poa1986_s18": "Public Order Act 1986 s18",
    "poa1986_s19": "Public Order Act 1986 s19",
    "poa1986_s20": "Public Order Act 1986 s20",
    "poa1986_s21": "Public Order Act 1986 s21",
    "poa1986_s22": "Public Order Act 1986 s22",
    "poa1986_s23": "Public Order Act 1986 s23",
    "poa1986_s29b": "Public Order Act 1986 s29B",
    "poa1986_s29c": "Public Order Act 1986 s29C",
    "poa1986_s29d": "Public Order Act 1986 s29D",
    "poa1986_s29e": "Public Order Act 1986 s29E",
    "poa1986_s29f": "Public Order Act 1986 s29F",
    "poa1986_s29g": "Public Order Act 1986 s29G",
    "pha1997_s2": "Protection from Harassment Act 1997 s2",
    "pha1997_s2a": "Protection from Harassment Act 1997 s2A",
    "pha1997_s4": "Protection from Harassment Act 1997 s4",
    "pha1997_s4a": "Protection from Harassment Act 1997 s4A",
    "cda1998_s31_poa_s4": "Crime and Disorder Act 1998 s31(1)(a)",
    "cda1998_s31_poa_s4a": "Crime and Disorder Act 1998 s31(1)(b)",
    "cda1998_s31_poa_s5": "Crime and Disorder Act 1998 s31(1)(c)",
    "cda1998_s32_pha_s2": "Crime and Disorder Act 1998 s32(1)(a)",
    "cda1998_s32_pha_s2a": "Crime and Disorder Act 1998 s32(1)(a)",
    "cda1998_s32_pha_s4": "Crime and Disorder Act 1998 s32(1)(b)",
    "cda1998_s32_pha_s4a": "Crime and Disorder Act 1998 s32(1)(b)",
}


def test_every_offence_has_its_citation_checked() -> None:
    assert {o.id for o in offence_table().offences} == set(CITATIONS)


@pytest.mark.parametrize(("offence_id", "citation"), sorted(CITATIONS.items()))
def test_citation(offence_id: str, citation: str) -> None:
    assert offence_table().get(offence_id).citation == citation


def test_the_grossly_offensive_limb_does_not_cite_the_threat_limb() -> None:
    offensive = offence_table().get("mca1988_s1_offensive")
    threat = offence_table().get("mca1988_s1_threat")
    assert "(ii)" not in offensive.section
    assert threat.section.endswith("(a)(ii)")


@pytest.mark.parametrize(
    ("offence_id", "provision"),
    [(o, "POA 1986 s27(1)") for o in ("poa1986_s18", "poa1986_s19", "poa1986_s21")]
    + [(o, "POA 1986 s29L") for o in ("poa1986_s29b", "poa1986_s29c", "poa1986_s29e")],
)
def test_attorney_general_consent_cites_its_section(offence_id: str, provision: str) -> None:
    offence = offence_table().get(offence_id)
    assert offence.ag_consent
    assert offence.ag_consent_provision == provision
