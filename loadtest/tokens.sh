#!/usr/bin/env bash
# Signs N shoppers in at an OAuth2 token endpoint (the local issuer's password grant) and writes
# their access tokens, one a line, for wrk's buy.lua. With --admin SECRET it prints an admin
# token (the local issuer's client_credentials grant) instead.
#   loadtest/tokens.sh <token-endpoint> <count> <file>
#   loadtest/tokens.sh <token-endpoint> --admin <secret>
set -euo pipefail
endpoint=$1
access_token() { sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'; }
if [ "${2:-}" = "--admin" ]; then
  curl -sf "$endpoint" -d grant_type=client_credentials -d client_id=velocity-admin -d "client_secret=$3" | access_token
  exit 0
fi
count=$2; file=$3
: > "$file"
# Eight at a time: a few seconds for thousands.
# Each token leaves in one write of its own line (under PIPE_BUF), so the parallel ones never mix.
seq 1 "$count" | xargs -P 8 -I{} sh -c \
  "printf '%s\\n' \"\$(curl -sf --retry 3 '$endpoint' -d grant_type=password -d username=load-{} | sed -n 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/p')\"" >> "$file"
sed -i '/^$/d' "$file"
[ "$(wc -l < "$file")" -eq "$count" ] || { echo "tokens: got $(wc -l < "$file") of $count tokens" >&2; exit 1; }
