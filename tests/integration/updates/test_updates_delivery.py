"""Complainant updates end to end: referrals accepted as the API accepts them, case work,
the outbox in Neo4j, and delivery through a real SMTP server on loopback."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from graph.assessment.calendars import england_and_wales, uk_date, working_days_after
from graph.audit.log import AuditLog
from graph.cases.store import assign_case
from graph.db import Graph, native
from graph.updates import store
from graph.updates.delivery import Delivered, deliver
from graph.updates.events import ChannelKind
from graph.updates.planning import Found, find_due
from graph.updates.retry import INTERRUPTED, MessageStatus
from graph.updates.store import OutboxMessage, OutboxView
from graph.updates.templates import Language
from tests.integration.intake.helpers import query
from tests.integration.updates.conftest import SmtpServer
from tests.integration.updates.world import AMARA, case_of, report_id, reporter, submit

GMP = "Greater Manchester Police"  # the factory's reporter lives in Wigan (WN1)


def run(
    graph: Graph, server: SmtpServer, audit: AuditLog, now: datetime
) -> tuple[Found, Delivered]:
    found = find_due(graph, now)
    return found, deliver(graph, {ChannelKind.EMAIL: server.channel}, audit, now)


def messages(graph: Graph, view: OutboxView, now: datetime) -> list[OutboxMessage]:
    items, _ = store.outbox(graph, view, now, first=200)
    return items


def body(mail: object) -> str:
    from email.message import EmailMessage

    assert isinstance(mail, EmailMessage)
    part = mail.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def test_a_consenting_complainant_is_told_of_receipt_and_assignment_in_time_and_only_once(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    reference = submit(graph, tmp_path, "TV-U-1")
    assign_case(graph, case_of(graph, reference), "dc-patel")
    audit = AuditLog(tmp_path / "audit" / "audit.jsonl")
    now = datetime.now(UTC)

    found, done = run(graph, smtp_server, audit, now)

    assert (found.cases, found.new) == (1, 2)
    assert (done.sent, done.retrying, done.failed) == (2, 0, 0)
    mails = {str(m["Subject"]).strip(): m for m in smtp_server.mailbox.to(AMARA)}
    assert sorted(mails) == sorted([
        f"We have received your report {reference}",
        f"Your report {reference} is with {GMP}",
    ])  # fmt: skip
    assert f"Your reference is {reference}." in body(
        mails[f"We have received your report {reference}"]
    )
    assigned = body(mails[f"Your report {reference} is with {GMP}"])
    assert f"to {GMP}, the police force responsible" in assigned
    assert reference in assigned
    assert all(m["From"] == "updates@hub.example.org" for m in mails.values())

    # Within the deadline: hate reported (race), so 1 working day (Enhanced Rights).
    sent = messages(graph, OutboxView.SENT, now)
    assert {m.event_kind for m in sent} == {"received", "assigned"}
    (received_at,) = query(graph, "MATCH (r:Report {reference: $r}) RETURN r.received_at AS at",
                           r=reference)  # fmt: skip
    received = next(m for m in sent if m.event_kind == "received")
    assert received.due_at == working_days_after(native(received_at["at"]), 1, england_and_wales())
    assert all(m.sent_at is not None and m.sent_at <= m.due_at for m in sent)
    assert all(m.language == "en" and m.attempts == 1 for m in sent)

    # One audit event for the run: the recipients' report ids and the field used.
    (record,) = list(audit.records())
    assert record.actor == "system:updates"
    assert record.endpoint == "cli:updates run"
    assert record.accessed[0].kind == "Reporter"
    assert record.accessed[0].ids == (report_id(graph, reference),)
    assert record.accessed[0].fields == ("email",)

    # Running again sends nothing twice, makes no new message, logs nothing.
    found, done = run(graph, smtp_server, audit, now + timedelta(minutes=5))
    assert (found.new, done.sent) == (0, 0)
    assert len(smtp_server.mailbox.received) == 2
    assert len(list(audit.records())) == 1
    (count,) = query(graph, "MATCH (m:UpdateMessage) RETURN count(m) AS n")
    assert count["n"] == 2


def test_anonymous_and_non_consenting_reporters_receive_nothing(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    anonymous = {"role": "anonymous", "email": "anon@example.org", "consent_to_contact": True}
    refs = [
        submit(graph, tmp_path, "TV-U-anon", reporter=anonymous),
        submit(graph, tmp_path, "TV-U-anon-bare", reporter={"role": "anonymous"}),
        submit(graph, tmp_path, "TV-U-no", reporter=reporter(email="no@example.org",
                                                             consent_to_contact=False)),
    ]  # fmt: skip
    for reference in refs:
        assign_case(graph, case_of(graph, reference), "dc-patel")
    audit = AuditLog(tmp_path / "audit.jsonl")

    found, done = run(graph, smtp_server, audit, datetime.now(UTC))

    assert (found.cases, found.new, done.sent) == (0, 0, 0)
    assert smtp_server.mailbox.received == []
    assert not audit.path.exists()
    (count,) = query(graph, "MATCH (m:UpdateMessage) RETURN count(m) AS n")
    assert count["n"] == 0


def test_a_witness_gets_what_the_policy_says(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    witness = reporter(role="witness", email="wendy@example.org", name="Wendy Walker")
    reference = submit(graph, tmp_path, "TV-U-w", reporter=witness)
    assign_case(graph, case_of(graph, reference), "dc-patel")

    run(graph, smtp_server, AuditLog(tmp_path / "audit.jsonl"), datetime.now(UTC))

    assert smtp_server.mailbox.subjects("wendy@example.org") == [
        f"We have received your report {reference}"
    ]  # not the assignment


def test_a_failing_server_leaves_messages_pending_with_the_error_and_a_later_run_delivers(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    reference = submit(graph, tmp_path, "TV-U-down")
    assign_case(graph, case_of(graph, reference), "dc-patel")
    audit = AuditLog(tmp_path / "audit.jsonl")
    smtp_server.stop()
    now = datetime.now(UTC)

    _, done = run(graph, smtp_server, audit, now)

    assert (done.sent, done.retrying, done.deferred, done.failed) == (0, 1, 1, 0)
    waiting = messages(graph, OutboxView.DUE, now)
    assert len(waiting) == 2
    assert {m.status for m in waiting} == {MessageStatus.PENDING}
    assert all("ConnectionRefusedError" in (m.last_error or "") for m in waiting)
    assert sorted(m.attempts for m in waiting) == [0, 1]  # the deferred one was not tried
    assert {m.next_attempt_at for m in waiting} == {now + timedelta(seconds=60)}

    smtp_server.start()
    _, early = run(graph, smtp_server, audit, now + timedelta(seconds=30))  # backoff not over
    assert early.sent == 0
    assert smtp_server.mailbox.received == []

    _, later = run(graph, smtp_server, audit, now + timedelta(seconds=61))
    assert later.sent == 2
    assert len(smtp_server.mailbox.to(AMARA)) == 2
    assert messages(graph, OutboxView.DUE, now) == []
    assert sorted(m.attempts for m in messages(graph, OutboxView.SENT, now)) == [1, 2]


def test_a_refused_message_is_retried_or_failed_by_its_smtp_code_and_an_operator_requeues_it(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    reference = submit(graph, tmp_path, "TV-U-refused")
    assign_case(graph, case_of(graph, reference), "dc-patel")
    audit = AuditLog(tmp_path / "audit.jsonl")
    smtp_server.mailbox.refuse = ["451 4.3.0 mailbox busy", "550 5.7.1 message refused"]
    now = datetime.now(UTC)

    _, done = run(graph, smtp_server, audit, now)

    assert (done.sent, done.retrying, done.failed) == (0, 1, 1)
    (failed,) = messages(graph, OutboxView.FAILED, now)
    assert "550" in (failed.last_error or "")
    (retrying,) = messages(graph, OutboxView.DUE, now)
    assert "451" in (retrying.last_error or "")
    assert retrying.status is MessageStatus.PENDING

    store.requeue(graph, failed.id, "ops-lee", now)
    _, again = run(graph, smtp_server, audit, now + timedelta(minutes=2))
    assert again.sent == 2
    assert len(smtp_server.mailbox.to(AMARA)) == 2


def test_welsh_for_a_complainant_who_chose_welsh(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    reference = submit(graph, tmp_path, "TV-U-cy")
    assign_case(graph, case_of(graph, reference), "dc-patel")
    store.record_preference(graph, reference, Language.WELSH, "hub-officer", datetime.now(UTC))

    run(graph, smtp_server, AuditLog(tmp_path / "audit.jsonl"), datetime.now(UTC))

    mails = {str(m["Subject"]).strip(): m for m in smtp_server.mailbox.to(AMARA)}
    assert sorted(mails) == sorted([
        f"Rydym wedi cael eich adroddiad {reference}",
        f"Mae eich adroddiad {reference} gyda {GMP}",
    ])  # fmt: skip
    assigned = mails[f"Mae eich adroddiad {reference} gyda {GMP}"]
    assert assigned["Content-Language"] == "cy"
    assert "yr heddlu sy'n gyfrifol am ddelio ag ef" in body(assigned)
    assert {m.language for m in messages(graph, OutboxView.SENT, datetime.now(UTC))} == {"cy"}


def test_later_events_decision_platform_refusal_no_enforcement_and_outcome(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    from graph.cases.outcome_store import record_outcome
    from graph.cases.store import decide, record_facts
    from graph.removals import store as removals
    from graph.removals.lifecycle import Status
    from graph.viewer import Role, Viewer

    graph = reference_graph
    reference = submit(graph, tmp_path, "TV-U-later")
    case = case_of(graph, reference)
    record_facts(graph, case, {"grossly_offensive": True, "hostility_demonstrated": ["race"]},
                 "dc-patel")  # fmt: skip
    decide(graph, case, accept=True, by="dc-patel", reason="meets the test")
    assign_case(graph, case, "dc-patel")
    now = datetime.now(UTC)
    (cluster,) = query(graph, "MATCH (:Case {id: $k})-[:CONCERNS]->(c) RETURN c.id AS id", k=case)
    drafted, _ = removals.draft(graph, cluster["id"], "dc-patel", now)
    removals.step(graph, drafted.id, Status.APPROVED, "sgt-jones", now)
    removals.send_pack(graph, "x", "dc-patel", now)
    removals.step(graph, drafted.id, Status.REFUSED, "dc-patel", now, note="not against our rules")
    store.record_no_enforcement(graph, case, "suspect_abroad", "dc-patel", now)
    gmp = Viewer(Role.FORCE_OFFICER, "pc-smith", "E23000005")
    reached = uk_date(now)  # no earlier: not before the case opened
    record_outcome(graph, case, "18", named_suspect=False, viewer=gmp, outcome_on=reached)

    run(graph, smtp_server, AuditLog(tmp_path / "audit.jsonl"), datetime.now(UTC))

    assert smtp_server.mailbox.subjects(AMARA) == sorted([
        f"We have received your report {reference}",
        f"Your report {reference} has been assessed",
        f"Your report {reference} is with {GMP}",
        f"We have asked X to remove the content you reported ({reference})",
        f"An update on your report {reference}: no further action is possible",
        f"An update on your report {reference}: no further action is possible",
        f"The case about your report {reference} has been closed",
    ])  # fmt: skip
    bodies = "\n".join(body(m) for m in smtp_server.mailbox.to(AMARA))
    assert "recorded as a crime" in bodies
    assert "refused our request to remove it" in bodies
    assert "outside the United Kingdom" in bodies
    assert "Investigation complete: no suspect identified" in bodies
    assert f"{reference} on {reached.day} {reached:%B %Y}." in bodies


def test_an_interrupted_claim_is_failed_for_an_operator_never_resent_blindly(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    submit(graph, tmp_path, "TV-U-crash")
    now = datetime.now(UTC)
    find_due(graph, now)
    query(graph, "MATCH (m:UpdateMessage) SET m.status = 'sending', m.claim = 'gone', "
                 "m.claimed_until = $t", t=now - timedelta(seconds=1))  # fmt: skip

    done = deliver(graph, {ChannelKind.EMAIL: smtp_server.channel},
                   AuditLog(tmp_path / "audit.jsonl"), now)  # fmt: skip

    assert (done.interrupted, done.sent) == (1, 0)
    (failed,) = messages(graph, OutboxView.FAILED, now)
    assert failed.last_error == INTERRUPTED
    assert smtp_server.mailbox.received == []


def test_two_runs_at_once_send_each_message_once(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    for n in range(6):
        submit(graph, tmp_path, f"TV-U-many-{n}", reporter=reporter(email=f"p{n}@example.org"),
               content=[{"url": f"https://x.com/jsmith88/status/17965123456789{n:05d}",
                         "platform": "X", "text": f"post {n}"}])  # fmt: skip
    now = datetime.now(UTC)
    find_due(graph, now)
    audit = AuditLog(tmp_path / "audit.jsonl")
    results: list[Delivered] = []

    def one() -> None:
        results.append(deliver(graph, {ChannelKind.EMAIL: smtp_server.channel}, audit, now))

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sum(r.sent for r in results) == 6
    addresses = sorted(m["X-Envelope-To"] for m in smtp_server.mailbox.received)
    assert addresses == sorted(f"p{n}@example.org" for n in range(6))
    assert audit.verify().ok


def test_a_recipient_who_can_no_longer_be_contacted_is_cancelled_not_sent(
    reference_graph: Graph, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    graph = reference_graph
    submit(graph, tmp_path, "TV-U-withdrawn")
    now = datetime.now(UTC)
    find_due(graph, now)
    query(graph, "MATCH (p:Person)-[:REPORTED]->(:Report) SET p.consent_to_contact = false")

    done = deliver(graph, {ChannelKind.EMAIL: smtp_server.channel},
                   AuditLog(tmp_path / "audit.jsonl"), now)  # fmt: skip

    assert (done.cancelled, done.sent) == (1, 0)
    assert [m.status for m in messages(graph, OutboxView.CANCELLED, now)] == [
        MessageStatus.CANCELLED
    ]
    assert smtp_server.mailbox.received == []


def test_every_updates_query_plans(graph: Graph) -> None:
    from graph.cypher import all_queries

    names = [n for n in all_queries() if n.startswith("updates/")]
    assert len(names) == 15
    with graph.driver.session(database=graph.database) as session:
        for name in names:
            query_file = all_queries()[name]
            session.run("EXPLAIN " + query_file.text, dict.fromkeys(query_file.params)).consume()
