"""Clean what people typed into typed values: the pure middle of intake.

Turns a contract-valid :class:`~ingest.contract.Referral` into a :class:`CleanReferral`: platform
names into registry ids, URLs into canonical post or account identities, handles, emails, phones
and postcodes into canonical values, postcodes into forces.

Two kinds of finding, both with their field path:

* a **problem** with the report's substance (its content's URL or platform) refuses it; every
  problem is collected and raised together as :class:`InvalidInput`;
* a contact or location detail that does not clean (an email, phone, postcode, a suspect's
  handle, platform or profile link, the chosen force code, or contact details an anonymous
  reporter gave) never refuses it: it is kept as typed as an
  :class:`~graph.values.unverified.Unverified` in ``CleanReferral.unverified``, and the typed
  field stays empty, so it is used for no node, no matching and no force.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from graph.errors import InvalidInput, InvalidValue, NotFound, Problem
from graph.platforms import platform as registry_platform
from graph.platforms import resolve_platform_name
from graph.reference import postcodes
from graph.reference.forces import forces_by_code
from graph.values.email import Email
from graph.values.handle import Handle
from graph.values.phone import Phone
from graph.values.postcode import Postcode
from graph.values.unverified import Unverified
from graph.values.url import ContentUrl, UrlKind
from ingest.contract import (
    Attachment,
    ContentItem,
    Party,
    Referral,
    ReporterRole,
    Strand,
    parse_referral,
)


@dataclass(frozen=True, slots=True)
class CleanParty:
    role: ReporterRole
    name: str | None
    email: Email | None
    phone: Phone | None  # verified only; a possible number is in ``unverified``
    postcode: Postcode | None
    force: postcodes.ForceResolution | None
    consent_to_contact: bool | None


@dataclass(frozen=True, slots=True)
class CleanContent:
    index: int
    platform: str
    url: ContentUrl | None
    raw_url: str | None
    text: str | None
    captured_at: datetime | None
    attachments: tuple[Attachment, ...]

    @property
    def post_key(self) -> str | None:
        return self.url.key if self.url and self.url.kind is UrlKind.POST else None

    @property
    def account_key(self) -> str | None:
        """The account a URL names: a profile URL, or the author in a post URL."""
        if self.url is None or self.url.handle is None:
            return None
        return f"{self.url.platform}|{self.url.handle}"


@dataclass(frozen=True, slots=True)
class CleanSuspect:
    index: int
    platform: str | None
    handle: Handle | None
    display_name: str | None
    profile_url: str | None
    name: str | None
    location: str | None

    @property
    def account_key(self) -> str | None:
        return self.handle.key if self.handle else None


@dataclass(frozen=True, slots=True)
class CleanReferral:
    referral: Referral
    reporter: CleanParty
    victim: CleanParty | None
    content: tuple[CleanContent, ...]
    suspects: tuple[CleanSuspect, ...]
    chosen_force_code: str | None
    strands: tuple[Strand, ...] = field(default=())
    unverified: tuple[Unverified, ...] = field(default=())


def _reason(error: InvalidValue | NotFound) -> str:
    return error.reason if isinstance(error, InvalidValue) else str(error)


class _Problems:
    """What cleaning found: problems refuse the report, unverified details are kept."""

    def __init__(self) -> None:
        self.found: list[Problem] = []
        self.unverified: list[Unverified] = []

    def add(self, path: str, error: InvalidValue | NotFound) -> None:
        self.found.append(Problem(path, _reason(error)))

    def keep(self, path: str, raw: str, reason: str, parsed: str | None = None) -> None:
        self.unverified.append(Unverified(path, raw, reason, parsed))


_ANONYMOUS = (
    "an anonymous reporter's contact details are not recorded on the person "
    "(they stay only in the report as received)"
)


def _party(party: Party, path: str, problems: _Problems) -> CleanParty:
    email = phone = postcode = None
    force = None
    name = party.name or None
    if party.role is ReporterRole.ANONYMOUS:
        for detail in ("name", "email", "phone"):
            if typed := getattr(party, detail):
                problems.keep(f"{path}.{detail}", typed, _ANONYMOUS)
        name = None
    elif party.email:
        try:
            email = Email.clean(party.email)
        except InvalidValue as error:
            problems.keep(f"{path}.email", party.email, _reason(error))
    if party.phone and party.role is not ReporterRole.ANONYMOUS:
        try:
            phone = Phone.clean(party.phone, strict=False)
        except InvalidValue as error:
            problems.keep(f"{path}.phone", party.phone, _reason(error))
        else:
            if not phone.valid:
                reason = f"{party.phone.strip()!r} is not a valid phone number: {phone.problem}"
                problems.keep(f"{path}.phone", party.phone, reason, phone.e164)
                phone = None
    if party.postcode:
        try:
            postcode = Postcode.clean(party.postcode)
            force = postcodes.resolve(postcode)
        except (InvalidValue, NotFound) as error:
            problems.keep(f"{path}.postcode", party.postcode, _reason(error))
            postcode = None
    return CleanParty(
        role=party.role,
        name=name,
        email=email,
        phone=phone,
        postcode=postcode,
        force=force,
        consent_to_contact=party.consent_to_contact,
    )


def _platform(raw: str, path: str, problems: _Problems) -> str | None:
    try:
        return resolve_platform_name(raw).id
    except InvalidValue as error:
        problems.add(path, error)
        return None


def content_item(index: int, item: ContentItem, problems: _Problems) -> CleanContent:
    """One content item cleaned; its URL and platform are substance: problems, not warnings."""
    path = f"content[{index}]"
    platform = _platform(item.platform, f"{path}.platform", problems)
    url = None
    if item.url:
        try:
            url = ContentUrl.clean(item.url, platform_hint=platform)
        except InvalidValue as error:
            problems.add(f"{path}.url", error)
    return CleanContent(
        index=index,
        # A URL that identifies a post or account is better evidence of the platform
        # than what was typed; one that identifies nothing (a home page) is not.
        platform=url.platform if url and url.key else (platform or "other"),
        url=url,
        raw_url=item.url,
        text=item.text or None,
        captured_at=item.captured_at,
        attachments=tuple(item.attachments),
    )


def _content(referral: Referral, problems: _Problems) -> tuple[CleanContent, ...]:
    return tuple(content_item(i, item, problems) for i, item in enumerate(referral.content))


def _suspects(referral: Referral, problems: _Problems) -> tuple[CleanSuspect, ...]:
    """Who the suspect is said to be: every value here is a detail, kept when it does not clean."""
    suspects = []
    for index, suspect in enumerate(referral.suspects):
        path = f"suspects[{index}]"
        platform = None
        if suspect.platform:
            try:
                platform = resolve_platform_name(suspect.platform).id
            except InvalidValue as error:
                problems.keep(f"{path}.platform", suspect.platform, _reason(error))
        handle = None
        profile = None
        if suspect.profile_url:
            try:
                profile = ContentUrl.clean(suspect.profile_url, platform_hint=platform)
            except InvalidValue as error:
                problems.keep(f"{path}.profile_url", suspect.profile_url, _reason(error))
        if platform is None and profile is not None and profile.platform != "other":
            platform = profile.platform
        if suspect.handle:
            if platform is None:
                reason = "no known platform was given, so it cannot name an account"
                problems.keep(f"{path}.handle", suspect.handle, reason)
            else:
                try:
                    handle = Handle.clean(suspect.handle, platform, strict=False)
                except InvalidValue as error:
                    problems.keep(f"{path}.handle", suspect.handle, _reason(error))
                else:
                    if not handle.conforms:
                        problems.keep(f"{path}.handle", suspect.handle, _breaks_rules(platform))
        elif profile is not None and profile.handle and platform:
            try:
                handle = Handle.clean(profile.handle, platform, strict=False)
            except InvalidValue as error:
                problems.keep(f"{path}.profile_url", suspect.profile_url or "", _reason(error))
        suspects.append(
            CleanSuspect(
                index=index,
                platform=platform,
                handle=handle,
                display_name=suspect.display_name or None,
                profile_url=profile.canonical if profile else None,
                name=suspect.name or None,
                location=suspect.location or None,
            )
        )
    return tuple(suspects)


def _breaks_rules(platform: str) -> str:
    found = registry_platform(platform)
    return (
        f"does not follow {found.name}'s rules for handles ({found.handle_rule}); "
        "still used, lower-cased, to name the account (an older or mistyped handle)"
    )


def _chosen_force(typed: str | None, problems: _Problems) -> str | None:
    if not typed:
        return None
    chosen = typed.upper()
    if chosen in forces_by_code():
        return chosen
    problems.keep("incident.force_code", typed, f"{typed!r} is not a known force code")
    return None


def clean_referral(referral: Referral) -> CleanReferral:
    """Clean every typed value; raise :class:`InvalidInput` with all problems found."""
    problems = _Problems()
    reporter = _party(referral.reporter, "reporter", problems)
    victim = _party(referral.victim, "victim", problems) if referral.victim else None
    content = _content(referral, problems)
    suspects = _suspects(referral, problems)
    chosen = _chosen_force(referral.incident.force_code, problems)
    if problems.found:
        raise InvalidInput(problems.found)
    return CleanReferral(
        referral=referral,
        reporter=reporter,
        victim=victim,
        content=content,
        suspects=suspects,
        chosen_force_code=chosen,
        strands=tuple(referral.incident.strands),
        unverified=tuple(problems.unverified),
    )


def content_problems(payload: object, named: set[str]) -> list[Problem]:
    """The value problems of a referral whose shape is broken elsewhere, so that one answer
    names every problem (issue 21.2): each content item's URL and platform, when they are text
    and their field has no shape problem (in ``named``) already."""
    items = payload.get("content") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        return []
    problems = _Problems()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        path = f"content[{index}]"
        typed, link = item.get("platform"), item.get("url")
        platform = None
        if isinstance(typed, str) and f"{path}.platform" not in named:
            platform = _platform(typed.strip(), f"{path}.platform", problems)
        if isinstance(link, str) and link.strip() and f"{path}.url" not in named:
            try:
                ContentUrl.clean(link.strip(), platform_hint=platform)
            except InvalidValue as error:
                problems.add(f"{path}.url", error)
    return problems.found


def validate_referral(payload: object, *, dates_bounded: bool = False) -> CleanReferral:
    """The contract's shape and the values' cleaning in one step: :class:`InvalidInput` lists
    the shape problems and the value problems together (``dates_bounded``: parse_referral)."""
    try:
        referral = parse_referral(payload, dates_bounded=dates_bounded)
    except InvalidInput as error:
        named = {p.field for p in error.problems}
        raise InvalidInput([*error.problems, *content_problems(payload, named)]) from None
    return clean_referral(referral)
