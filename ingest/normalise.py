"""Clean what people typed into typed values: the pure middle of intake.

Turns a contract-valid :class:`~ingest.contract.Referral` into a :class:`CleanReferral`: platform
names into registry ids, URLs into canonical post or account identities, handles, emails, phones
and postcodes into canonical values, postcodes into forces. Every problem is collected with its
field path and raised together as :class:`InvalidInput`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from graph.errors import InvalidInput, InvalidValue, NotFound, Problem
from graph.platforms import resolve_platform_name
from graph.reference import postcodes
from graph.reference.forces import forces_by_code
from graph.values.email import Email
from graph.values.handle import Handle
from graph.values.phone import Phone
from graph.values.postcode import Postcode
from graph.values.url import ContentUrl, UrlKind
from ingest.contract import Attachment, Party, Referral, ReporterRole, Strand


@dataclass(frozen=True, slots=True)
class CleanParty:
    role: ReporterRole
    name: str | None
    email: Email | None
    phone: Phone | None
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


class _Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, path: str, error: InvalidValue | NotFound) -> None:
        reason = error.reason if isinstance(error, InvalidValue) else str(error)
        self.found.append(Problem(path, reason))


def _party(party: Party, path: str, problems: _Problems) -> CleanParty:
    email = phone = postcode = None
    force = None
    if party.email:
        try:
            email = Email.clean(party.email)
        except InvalidValue as error:
            problems.add(f"{path}.email", error)
    if party.phone:
        try:
            phone = Phone.clean(party.phone)
        except InvalidValue as error:
            problems.add(f"{path}.phone", error)
    if party.postcode:
        try:
            postcode = Postcode.clean(party.postcode)
            force = postcodes.resolve(postcode)
        except (InvalidValue, NotFound) as error:
            problems.add(f"{path}.postcode", error)
    return CleanParty(
        role=party.role,
        name=party.name or None,
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


def _content(referral: Referral, problems: _Problems) -> tuple[CleanContent, ...]:
    items = []
    for index, item in enumerate(referral.content):
        path = f"content[{index}]"
        platform = _platform(item.platform, f"{path}.platform", problems)
        url = None
        if item.url:
            try:
                url = ContentUrl.clean(item.url, platform_hint=platform)
            except InvalidValue as error:
                problems.add(f"{path}.url", error)
        items.append(
            CleanContent(
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
        )
    return tuple(items)


def _suspects(referral: Referral, problems: _Problems) -> tuple[CleanSuspect, ...]:
    suspects = []
    for index, suspect in enumerate(referral.suspects):
        path = f"suspects[{index}]"
        platform = (
            _platform(suspect.platform, f"{path}.platform", problems) if suspect.platform else None
        )
        handle = None
        profile = None
        if suspect.profile_url:
            try:
                profile = ContentUrl.clean(suspect.profile_url, platform_hint=platform)
            except InvalidValue as error:
                problems.add(f"{path}.profile_url", error)
        if platform is None and profile is not None and profile.platform != "other":
            platform = profile.platform
        if suspect.handle:
            if platform is None:
                problems.found.append(
                    Problem(f"{path}.platform", "is required when a handle is given")
                )
            else:
                try:
                    handle = Handle.clean(suspect.handle, platform, strict=False)
                except InvalidValue as error:
                    problems.add(f"{path}.handle", error)
        elif profile is not None and profile.handle and platform:
            handle = Handle.clean(profile.handle, platform, strict=False)
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


def clean_referral(referral: Referral) -> CleanReferral:
    """Clean every typed value; raise :class:`InvalidInput` with all problems found."""
    problems = _Problems()
    reporter = _party(referral.reporter, "reporter", problems)
    victim = _party(referral.victim, "victim", problems) if referral.victim else None
    content = _content(referral, problems)
    suspects = _suspects(referral, problems)
    chosen = referral.incident.force_code
    if chosen is not None:
        chosen = chosen.upper()
        if chosen not in forces_by_code():
            problems.found.append(
                Problem("incident.force_code", f"{chosen!r} is not a known force code")
            )
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
    )
