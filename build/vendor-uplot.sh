#!/usr/bin/env bash
# Refreshes the chart library report.html inlines (issue 18): uPlot, from the npm registry, into
# src/Research.Reporting/Assets/uplot/. The files are committed so that a report is byte-identical and
# offline on any machine; run this only to change the version, then regenerate the reports.
set -euo pipefail
VERSION="${1:-1.6.32}"
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npm pack "uplot@$VERSION" --silent --pack-destination "$work" >/dev/null
tar xzf "$work/uplot-$VERSION.tgz" -C "$work"
dest=src/Research.Reporting/Assets/uplot
cp "$work/package/dist/uPlot.iife.min.js" "$work/package/dist/uPlot.min.css" "$work/package/LICENSE" "$dest/"
echo "uplot@$VERSION into $dest:"
sha256sum "$dest"/*
