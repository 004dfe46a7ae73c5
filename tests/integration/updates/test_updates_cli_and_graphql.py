"""`ohch updates run` from the command line, and the hub staff's outbox query."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli.main import app
from graph.cases.store import assign_case
from graph.db import Graph
from graph.settings import Settings
from graph.updates.planning import find_due
from tests.api.conftest import gql
from tests.integration.updates.conftest import SENDER, SmtpServer
from tests.integration.updates.world import AMARA, case_of, submit

ANALYST = "dev:hub_analyst:dc-patel"
OFFICER = "dev:force_officer:pc1:E23000005"


def _env(settings: Settings, tmp_path: Path, server: SmtpServer) -> dict[str, str]:
    assert settings.neo4j_uri is not None
    assert settings.neo4j_password is not None
    return {
        "OHCH_ENV": "test",
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "OHCH_AUDIT_LOG": str(tmp_path / "audit" / "audit.jsonl"),
        "OHCH_SMTP_HOST": "127.0.0.1",
        "OHCH_SMTP_PORT": str(server.port),
        "OHCH_SMTP_SENDER": SENDER,
        "OHCH_SMTP_STARTTLS": "false",
    }


def test_ohch_updates_run_finds_delivers_and_repeats_safely(
    reference_graph: Graph, neo4j_settings: Settings, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    reference = submit(reference_graph, tmp_path, "TV-U-cli")
    assign_case(reference_graph, case_of(reference_graph, reference), "dc-patel")
    runner, env = CliRunner(), _env(neo4j_settings, tmp_path, smtp_server)

    first = runner.invoke(app, ["updates", "run"], env=env)
    again = runner.invoke(app, ["updates", "run"], env=env)

    assert first.exit_code == 0, first.output
    assert "found: 1 cases with contactable people, 2 new messages" in first.output
    assert "delivered: 2 sent, 0 to retry, 0 failed" in first.output
    assert "found: 1 cases with contactable people, 0 new messages" in again.output
    assert "delivered: 0 sent" in again.output
    assert len(smtp_server.mailbox.to(AMARA)) == 2

    listed = runner.invoke(app, ["updates", "outbox", "--view", "sent"], env=env)
    assert listed.exit_code == 0, listed.output
    assert listed.output.count(reference) == 2
    assert AMARA not in listed.output


def test_without_smtp_settings_nothing_is_sent_and_the_messages_wait(
    reference_graph: Graph, neo4j_settings: Settings, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    submit(reference_graph, tmp_path, "TV-U-nosmtp")
    env = _env(neo4j_settings, tmp_path, smtp_server)
    del env["OHCH_SMTP_HOST"]

    result = CliRunner().invoke(app, ["updates", "run"], env=env)

    assert result.exit_code == 0, result.output
    assert "no channel configured" in result.output
    assert smtp_server.mailbox.received == []
    due = CliRunner().invoke(app, ["updates", "outbox"], env=env)
    assert "received" in due.output
    assert "pending attempts 0" in due.output


OUTBOX = """query($view: UpdateOutboxView!) { updateOutbox(view: $view) { __typename
  ... on UpdateMessageConnection { nodes { reference eventKind status overdue dueAt deadlineRule
    attempts recipientRole channel } pageInfo { hasNextPage } }
  ... on ForbiddenError { message } } }"""


def test_hub_staff_see_the_outbox_due_without_contact_details(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    reference = submit(reference_graph, tmp_path, "TV-U-gql")
    find_due(reference_graph, datetime.now(UTC))
    settings = neo4j_settings.model_copy(update={"audit_log": tmp_path / "audit.jsonl"})

    with TestClient(create_app(settings)) as client:
        due = gql(client, OUTBOX, token=ANALYST, view="DUE")
        failed = gql(client, OUTBOX, token=ANALYST, view="FAILED")
        refused = gql(client, OUTBOX, token=OFFICER, view="DUE")

    assert "errors" not in due, due["errors"]
    outbox = due["data"]["updateOutbox"]
    (item,) = outbox["nodes"]
    assert not outbox["pageInfo"]["hasNextPage"]
    assert item["reference"] == reference
    assert (item["eventKind"], item["status"], item["overdue"]) == ("RECEIVED", "PENDING", False)
    assert (item["recipientRole"], item["channel"]) == ("VICTIM", "EMAIL")
    assert "1 working day" in item["deadlineRule"]
    assert AMARA not in str(due)
    assert failed["data"]["updateOutbox"]["nodes"] == []
    assert refused["data"]["updateOutbox"]["__typename"] == "ForbiddenError"
