"""Force assignment rules a-f (``data/assignment_policy.toml`` documents them and their sources).

``assign(inputs)`` is pure: postcodes resolve through :mod:`graph.reference.postcodes`, whose
confidence (a district straddling forces is ``MEDIUM``) becomes the assignment's confidence.
A postcode outside the UK forces' areas (e.g. Jersey) never crashes: a suspect there counts as
abroad; if every victim location is outside, :class:`NotFound` says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from graph.assignment.models import (
    AssignmentInput,
    AssignmentPolicy,
    Disposition,
    ForceAssignment,
    ForceRole,
    InputUsed,
    NotifiedForce,
    Rule,
    SuspectWhere,
)
from graph.errors import InvalidValue, NotFound
from graph.policy_files import PolicyHistory, load_history
from graph.reference.forces import POLICE_SCOTLAND_CODE, PSNI_CODE, forces_by_code
from graph.reference.postcodes import Confidence, resolve_text

_RANK = {Confidence.HIGH: 2, Confidence.MEDIUM: 1, Confidence.LOW: 0}


@cache
def shipped_policies() -> PolicyHistory[AssignmentPolicy]:
    return load_history("graph.assignment", "assignment_policy.toml", AssignmentPolicy)


def policy_on(day: date) -> AssignmentPolicy:
    """The shipped policy in force on ``day``."""
    return shipped_policies().on(day)


@dataclass(frozen=True, slots=True)
class _Located:
    used: InputUsed
    others: tuple[str, ...]

    @property
    def force(self) -> str:
        assert self.used.force_code is not None
        return self.used.force_code


def _known_force(code: str, field: str) -> str:
    if code not in forces_by_code():
        raise InvalidValue(field, f"{code!r} is not a known force code")
    return code


def _postcode(raw: str, field: str) -> _Located | None:
    """The force of a postcode, or ``None`` when it is outside the UK forces' areas."""
    try:
        found = resolve_text(raw)
    except NotFound:
        return None
    used = InputUsed(
        field=field,
        value=str(found.postcode),
        force_code=found.force_code,
        confidence=found.confidence,
        basis=found.basis,
    )
    return _Located(used, found.other_force_codes)


def _fixed(field: str, value: str, code: str, basis: str) -> _Located:
    return _Located(
        InputUsed(
            field=field, value=value, force_code=code, confidence=Confidence.HIGH, basis=basis
        ),
        (),
    )


def force_label(code: str) -> str:
    return f"{forces_by_code()[code].name} ({code})"


def is_cross_border(code: str) -> bool:
    return forces_by_code()[code].cross_border


def _victims(inputs: AssignmentInput, reasons: list[str]) -> list[_Located]:
    found: list[_Located] = []
    for i, victim in enumerate(inputs.victims):
        if victim.force_code:
            code = _known_force(victim.force_code, f"victims[{i}].force_code")
            found.append(_fixed(f"victims[{i}].force_code", code, code, "force given"))
        elif victim.postcode:
            located = _postcode(victim.postcode, f"victims[{i}].postcode")
            if located is None:
                reasons.append(
                    f"Victim {i} postcode {victim.postcode} is outside the UK forces' areas."
                )
            else:
                found.append(located)
    return found


def _suspects(inputs: AssignmentInput, reasons: list[str]) -> list[_Located]:
    """Locations of identified suspects; unknown, abroad or outside the UK are left out."""
    found: list[_Located] = []
    for i, s in enumerate(inputs.suspects):
        field = f"suspects[{i}]"
        if not s.identified:
            continue
        if s.where is SuspectWhere.UK_POSTCODE and s.postcode:
            located = _postcode(s.postcode, f"{field}.postcode")
            if located is None:
                reasons.append(f"Suspect {i} postcode {s.postcode} is outside the UK: abroad.")
            else:
                found.append(located)
        elif s.where is SuspectWhere.SCOTLAND:
            found.append(_fixed(f"{field}.where", "scotland", POLICE_SCOTLAND_CODE, "Scotland"))
        elif s.where is SuspectWhere.NORTHERN_IRELAND:
            found.append(_fixed(f"{field}.where", "northern_ireland", PSNI_CODE, "NI"))
    return found


def _most_common(located: list[_Located]) -> str:
    counts = Counter(x.force for x in located)
    best = max(counts.values())
    return next(x.force for x in located if counts[x.force] == best)


def _confidence(located: list[_Located]) -> tuple[Confidence, tuple[str, ...]]:
    if not located:
        return Confidence.HIGH, ()
    worst = min((x.used.confidence or Confidence.HIGH for x in located), key=_RANK.__getitem__)
    others = tuple(dict.fromkeys(code for x in located for code in x.others))
    return worst, others


def assign(
    inputs: AssignmentInput, *, on: date, policy: AssignmentPolicy | None = None
) -> ForceAssignment:
    """The lead force (or the hub), the forces told and why, by rules a-f in order.

    ``on`` (the assignment date) picks the policy in force unless ``policy`` is given.
    """
    policy = policy or policy_on(on)
    reasons: list[str] = []
    victims = _victims(inputs, reasons)
    suspects = _suspects(inputs, reasons)
    victim_forces = list(dict.fromkeys(v.force for v in victims))
    if inputs.reporter_chosen_force:
        code = _known_force(inputs.reporter_chosen_force, "reporter_chosen_force")
        basis = [_fixed("reporter_chosen_force", code, code, "chosen by the reporter")]
        reasons.insert(0, f"Rule a: the reporter chose {force_label(code)}.")
        return _result(Rule.REPORTER_CHOICE, code, basis, victim_forces, [], policy, reasons)
    uk = [s for s in suspects if not is_cross_border(s.force)]
    if uk:
        lead = _most_common(uk)
        several = len(victim_forces) > 1
        rule = Rule.ONE_SUSPECT_MANY_VICTIMS if several else Rule.SUSPECT_FORCE
        reasons.insert(
            0,
            f"Rule {rule.value[0]}: an identified suspect lives in the area of "
            f"{force_label(lead)}, which investigates.",
        )
        others = [s.force for s in suspects if s.force != lead]
        return _result(
            rule, lead, [s for s in uk if s.force == lead], victim_forces, others, policy, reasons
        )
    if suspects:
        lead = _most_common(suspects)
        reasons.insert(
            0,
            f"Rule e: the identified suspect is in {force_label(lead)}'s jurisdiction: "
            "cross-border referral.",
        )
        return _result(
            Rule.CROSS_BORDER,
            lead,
            [s for s in suspects if s.force == lead],
            victim_forces,
            [],
            policy,
            reasons,
        )
    if victims:
        lead = _most_common(victims)
        reasons.insert(
            0,
            f"Rule c: the suspect is unknown or abroad, so the victim's force, "
            f"{force_label(lead)}, takes it.",
        )
        return _result(
            Rule.VICTIM_FORCE,
            lead,
            [v for v in victims if v.force == lead],
            victim_forces,
            [],
            policy,
            reasons,
        )
    if inputs.victims:
        raise NotFound(
            "victims: every victim location is outside the areas of the UK police "
            "forces (e.g. Jersey); refer to the local police there"
        )
    return _no_victim_location(inputs, policy, reasons)


def _no_victim_location(
    inputs: AssignmentInput, policy: AssignmentPolicy, reasons: list[str]
) -> ForceAssignment:
    who = "a public figure or a group" if inputs.victim_is_public_figure_or_group else "unknown"
    reasons.insert(0, f"Rule d: no identifiable victim location (victim {who}).")
    reporter = None
    if policy.no_victim_location.value == "reporter_force" and inputs.reporter_postcode:
        reporter = _postcode(inputs.reporter_postcode, "reporter_postcode")
    if reporter is not None:
        reasons.append(f"Policy {policy.id}: the reporter's force, {force_label(reporter.force)}.")
        return _result(Rule.NO_VICTIM_LOCATION, reporter.force, [reporter], [], [], policy, reasons)
    reasons.append(f"Policy {policy.id}: the hub keeps it for platform referral only.")
    return ForceAssignment(
        disposition=Disposition.HUB_RETAINS,
        lead_force_code=None,
        notified=(),
        rule=Rule.NO_VICTIM_LOCATION,
        inputs_used=(),
        confidence=Confidence.HIGH,
        possible_other_forces=(),
        reasons=tuple(reasons),
        policy_id=policy.id,
    )


def _result(
    rule: Rule,
    lead: str,
    basis: list[_Located],
    victim_forces: list[str],
    other_suspect_forces: list[str],
    policy: AssignmentPolicy,
    reasons: list[str],
) -> ForceAssignment:
    notified: dict[str, NotifiedForce] = {}
    for code in other_suspect_forces:
        role = ForceRole.CROSS_BORDER_REFERRAL if is_cross_border(code) else ForceRole.LINKED
        notified[code] = NotifiedForce(
            force_code=code, role=role, reason="another identified suspect is in its area"
        )
    several = rule is Rule.ONE_SUSPECT_MANY_VICTIMS
    for code in victim_forces:
        if code == lead or code in notified or not policy.notify_victim_force:
            continue
        role = ForceRole.LINKED if several else ForceRole.VICTIM_CARE
        notified[code] = NotifiedForce(
            force_code=code,
            role=role,
            reason="a victim lives in its area: victim care" + ("; linked case" if several else ""),
        )
    for n in notified.values():
        reasons.append(f"{force_label(n.force_code)} notified ({n.role.value}): {n.reason}.")
    confidence, others = _confidence(basis)
    if others:
        reasons.append(
            f"Confidence {confidence.value}: the lead may instead be " + ", ".join(others) + "."
        )
    disposition = Disposition.ASSIGNED
    if is_cross_border(lead):
        disposition = Disposition.CROSS_BORDER_REFERRAL
    return ForceAssignment(
        disposition=disposition,
        lead_force_code=lead,
        notified=tuple(notified.values()),
        rule=rule,
        inputs_used=tuple(b.used for b in basis),
        confidence=confidence,
        possible_other_forces=others,
        reasons=tuple(reasons),
        policy_id=policy.id,
    )
