"""Structured logs: one JSON object a line, each with the request id and, where signed in, the
user's id and role (``api/serving.py`` binds them), never personal data of the public.

Everything that logs through the standard library (uvicorn, the hub's ``ohch.*`` loggers) is
rendered the same way, so an operator's log pipeline reads one format. ``OHCH_LOG_FORMAT=text``
gives the same fields readable in a terminal.
"""

from __future__ import annotations

import logging
import sys
from typing import IO, Literal

import structlog

_CONFIGURED = "_ohch_logging"


def _processors() -> list[structlog.typing.Processor]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def _configure_structlog() -> None:
    """structlog hands every event to the standard library, whose handlers render it."""
    structlog.configure(
        processors=[
            *_processors(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


_configure_structlog()


def handler(fmt: Literal["json", "text"], stream: IO[str]) -> logging.Handler:
    """A standard-library handler writing the hub's log lines to ``stream``."""
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    written = logging.StreamHandler(stream)
    written.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[*_processors(), structlog.stdlib.ExtraAdder()],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    return written


def configure_logging(fmt: Literal["json", "text"], level: int = logging.INFO) -> None:
    """Route the standard library's logging through structlog's renderer. Once a process:
    several apps in one process (tests) share it."""
    root = logging.getLogger()
    if getattr(root, _CONFIGURED, False):
        return
    root.addHandler(handler(fmt, sys.stderr))
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):  # uvicorn's own handlers would print twice
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # api/serving.py logs each request
    setattr(root, _CONFIGURED, True)


def logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.stdlib.get_logger(name)
