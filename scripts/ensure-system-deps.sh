#!/usr/bin/env bash
# Install the system packages the hub needs when they are missing (Debian/Ubuntu, as root):
# Python 3.11 with venv, a Java 17+ JDK and Maven (to build and run the local Neo4j), make,
# Node.js and npm (to build the web pages' assets, web/), a C++ compiler (pdqhash, the evidence
# images' perceptual hash, builds from source where PyPI has no wheel for the machine); with
# --tests also docker-compose, which the tests use to validate the deployment file, and
# Chromium, the browser the web pages' tests drive (Playwright is given it; it never downloads
# one), poppler-utils, whose pdftotext reads evidence package PDFs back, and clamav-daemon,
# the virus scanner the evidence tests start on signatures of their own (never downloaded).
# `make run` and `make test` call it, so each sets up what it needs on a fresh machine.
set -euo pipefail

missing=()
command -v python3.11 >/dev/null || missing+=(python3.11 python3.11-venv)
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v make >/dev/null || missing+=(make)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v g++ >/dev/null || missing+=(g++)
if [ "${1:-}" = "--tests" ]; then
  # docker-compose (v1 from Debian) validates docker-compose.yml; no engine is needed.
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v chromium >/dev/null || missing+=(chromium)
  # pdftotext reads evidence package PDFs back in tests/integration/evidence.
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  # clamd scans evidence files in tests/integration/attachments (its own temporary database).
  [ -x /usr/sbin/clamd ] || command -v clamd >/dev/null || missing+=(clamav-daemon)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Please install: ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
