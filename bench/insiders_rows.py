#!/usr/bin/env python3
"""The rows of issue 24 (B1-B7) for BENCHMARKS.md, from bench/insiders.py's JSON.

Usage (by bench/hardening.sh): insiders_rows.py RESULTS.json IDLE_RSS_MB
"""

import json
import sys

r = json.load(open(sys.argv[1]))
idle = sys.argv[2]
b1, b2, b3, b4, b5, b6, b7 = (r.get(k, {}) for k in ("b1", "b2", "b3", "b4", "b5", "b6", "b7"))
print()
print("### Strangers and insiders (issue 24)")
print()
print("Same binary and settings, a fresh data folder with three accounts (Bench and Cecile admins,")
print(f"Ana a volunteer) and a server token; RSS when idle {idle} MB.")
print()
print("| # | attack | must hold | measured |")
print("|---|---|---|---|")
print(f"| B1 | a token, 64 `PUT /api/content` from each of 8 addresses, each announcing 1,048,000 bytes "
      f"and sending 1,000 fewer | RSS ≤ 40 MB during and 10 s after; kiosk `GET /` ≤ 1 s | RSS peak "
      f"{b1.get('rss_peak_mb')} MB, {b1.get('rss_10s_after_mb')} MB 10 s after; `GET /` from 127.0.0.1 "
      f"slowest {b1.get('get_max_s')} s of {b1.get('get_count')} ({b1.get('get_failures')} failed); "
      f"answers {b1.get('answers')} |")
print(f"| B2 | 64 `GET /events` from each of 9 addresses, held unread 30 s | another machine's `GET /` "
      f"and `/admin/login` ≤ 2 s throughout | slowest {b2.get('get_max_s')} s of {b2.get('get_count')} "
      f"({b2.get('get_failures')} failed); streams accepted {b2.get('streams_accepted')}, refused or "
      f"closed {b2.get('refused')}; RSS peak {b2.get('rss_peak_mb')} MB |")
print(f"| B3 | 4 wrong guesses at an admin then a good login to one's own account, 12 times; then 40 "
      f"addresses × 5 guesses at another name | ≤ 5 checked; ≤ 10 checked; the owner told what to do | "
      f"{b3.get('one_machine_checked')} checked ({b3.get('one_machine_refused')} refused with 429); "
      f"{b3.get('forty_machines_checked')} checked; the owner got {b3.get('owner_status')}: "
      f"« {b3.get('owner_reads', '').strip()} » |")
print(f"| B4 | an admin's token, then the account disabled | the token stops; the history names the "
      f"account | PUT {b4.get('put_before')} before, {b4.get('put_after_disable')} after; the history "
      f"names « Cecile, par le script « sauvegarde » »: {b4.get('history_names_account')} |")
print(f"| B5 | a volunteer posts `/admin/tokens/reset`, opens `/admin/tokens` | refused; the file and "
      f"the scripts unharmed | reset {b5.get('reset')}, list {b5.get('list')}; file unchanged: "
      f"{b5.get('file_unchanged')}; the server token's PUT {b5.get('server_token_put')} |")
print(f"| B6 | 5 saves, then 40 saves of a {b6.get('document_kb')} KB document | the 5 earlier "
      f"revisions kept | {b6.get('earlier_kept')} of 5 kept; {b6.get('revisions')} revisions, "
      f"{b6.get('history_mb')} MB of history; the 40 saves took {b6.get('seconds')} s |")
print(f"| B7 | a volunteer logs in 1,030 times | the admin's session still works | {b7.get('logins')} "
      f"logins in {b7.get('seconds')} s; the admin's page then answered {b7.get('admin_page')} |")
print()
print(f"RSS at the end of these rows: {r.get('rss_end_mb')} MB.")
