"""Values the matcher works on: one report's evidence, and a bounded summary of one content item.

A :class:`ContentSummary` is what the store must be able to return for a candidate: it is
bounded (a few representative texts and handles, the time range, victims) so a post reported
hundreds of times costs the same to compare as one reported once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from graph.dedup.text import canonical_handle, normalise_text
from graph.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class ReportEvidence:
    """What one report says about the content it is about.

    ``post_key`` is the canonical post identity from the URL module (``"x:post:123"``) or
    ``None`` when the report had no usable post URL. ``handles`` are canonical (lower case, no
    ``@``); ``raw_handles`` keep what the reporter typed. ``text`` is as captured (normalised
    on demand). Times must be timezone-aware.
    """

    report_key: str
    platform: str
    reporter_key: str
    post_key: str | None = None
    handles: tuple[str, ...] = ()
    raw_handles: tuple[str, ...] = ()
    text: str | None = None
    captured_at: datetime | None = None
    occurred_at: datetime | None = None
    victim_key: str | None = None
    normalised_text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.report_key:
            raise InvalidValue("report_key", "is empty")
        if not self.platform:
            raise InvalidValue("platform", "is empty")
        for name in ("captured_at", "occurred_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise InvalidValue(name, "must be timezone-aware")
        if not self.normalised_text and self.text:
            object.__setattr__(self, "normalised_text", normalise_text(self.text))

    @classmethod
    def build(
        cls,
        *,
        report_key: str,
        platform: str,
        reporter_key: str,
        post_key: str | None = None,
        raw_handles: tuple[str, ...] = (),
        text: str | None = None,
        captured_at: datetime | None = None,
        occurred_at: datetime | None = None,
        victim_key: str | None = None,
    ) -> ReportEvidence:
        """Canonicalise the platform and handles (deduplicated, order kept)."""
        canonical = tuple(dict.fromkeys(h for h in map(canonical_handle, raw_handles) if h))
        return cls(
            report_key=report_key,
            platform=platform.strip().casefold(),
            reporter_key=reporter_key,
            post_key=post_key or None,
            handles=canonical,
            raw_handles=tuple(raw_handles),
            text=text or None,
            captured_at=captured_at,
            occurred_at=occurred_at,
            victim_key=victim_key or None,
        )

    @property
    def at(self) -> datetime | None:
        """When the content was seen: the capture time, else when the incident happened."""
        return self.captured_at or self.occurred_at


@dataclass(frozen=True, slots=True)
class ContentSummary:
    """One existing content item as the matcher needs it.

    ``anchor_report_key`` is the report that founded the content; the matcher's judgements
    link a joining report to it. ``texts`` are normalised and at most ``max_texts``.

    ``post_key`` is the first post its reports named; ``other_post_keys`` are the other posts
    of a content an analyst made of several (a merge): a later report of any of them is a
    report of this content. The matcher never joins two posts itself, so only a merge adds
    one, and a merge's are few.
    """

    content_id: str
    anchor_report_key: str
    platform: str
    post_key: str | None
    handles: tuple[str, ...]
    texts: tuple[str, ...]
    first_at: datetime | None
    last_at: datetime | None
    victim_keys: frozenset[str]
    report_count: int = 1
    other_post_keys: tuple[str, ...] = ()

    def is_post(self, post_key: str) -> bool:
        """Whether ``post_key`` is one of this content's posts."""
        return post_key == self.post_key or post_key in self.other_post_keys

    @classmethod
    def found(cls, content_id: str, report: ReportEvidence) -> ContentSummary:
        """A new content item founded by ``report``."""
        return cls(
            content_id=content_id,
            anchor_report_key=report.report_key,
            platform=report.platform,
            post_key=report.post_key,
            handles=report.handles,
            texts=(report.normalised_text,) if report.normalised_text else (),
            first_at=report.at,
            last_at=report.at,
            victim_keys=frozenset({report.victim_key} if report.victim_key else ()),
        )

    def absorb(self, report: ReportEvidence, max_texts: int, max_handles: int) -> ContentSummary:
        """This summary with one more report folded in (bounded; the first texts are kept,
        except that a longer copy of a text replaces its truncated form)."""
        texts = list(self.texts)
        new = report.normalised_text
        if new and new not in texts:
            prefix_of = [i for i, t in enumerate(texts) if new.startswith(t)]
            if prefix_of:
                texts[prefix_of[0]] = new
            elif len(texts) < max_texts and not any(t.startswith(new) for t in texts):
                texts.append(new)
        handles = list(self.handles)
        for handle in report.handles:
            if handle not in handles and len(handles) < max_handles:
                handles.append(handle)
        at = report.at
        others = self.other_post_keys
        if self.post_key and report.post_key and not self.is_post(report.post_key):
            others = (*others, report.post_key)
        return replace(
            self,
            post_key=self.post_key or report.post_key,
            other_post_keys=others,
            handles=tuple(handles),
            texts=tuple(texts),
            first_at=_min(self.first_at, at),
            last_at=_max(self.last_at, at),
            victim_keys=self.victim_keys | ({report.victim_key} if report.victim_key else set()),
            report_count=self.report_count + 1,
        )


def _min(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return min(a, b)


def _max(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return max(a, b)
