#!/usr/bin/env bash
# Usage: DATABASE_URL=postgres://… GONGKAI_DATA_DIR=/var/lib/gongkai infra/backup.sh /backups
# Writes <target>/gongkai-<timestamp>.dump (pg_dump custom format) and the uploaded files.
set -euo pipefail
target=${1:?usage: backup.sh <target-dir>}
: "${DATABASE_URL:?set DATABASE_URL (for the embedded database: the URL printed at debug log level)}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$target"
pg_dump --format=custom --file="$target/gongkai-$stamp.dump" "$DATABASE_URL"
if [ -n "${GONGKAI_DATA_DIR:-}" ] && [ -d "$GONGKAI_DATA_DIR/uploads" ]; then
  tar -C "$GONGKAI_DATA_DIR" -czf "$target/gongkai-uploads-$stamp.tar.gz" uploads
fi
echo "backup written to $target ($stamp)"
