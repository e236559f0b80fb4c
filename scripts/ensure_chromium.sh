#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright. Install it when missing and we may (root);
# otherwise the browser tests skip themselves and say why.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "could not install chromium: browser tests will be skipped"
else
  echo "chromium is not installed (sudo apt-get install chromium): browser tests will be skipped"
fi
exit 0
