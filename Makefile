# Aduan: every command a developer or CI needs. `make run` and `make test` do all the set-up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON311 ?= $(shell command -v python3.11 || command -v python3)
VENV      := .venv
PY        := $(VENV)/bin/python
PORT      ?= 8000
export PORT

-include nlu/nlu.mk

.PHONY: help setup fonts browser migrate run web worker chat test bench clean nlu-export-corrections

# The CJK font the PDFs embed for Chinese and Japanese names (Debian's fonts-droid-fallback);
# the main font, DejaVu Sans, ships inside matplotlib.
FONT_CJK := /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/^[^:]*://' | awk -F':.*## ' '{printf "  make %-24s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements.lock
	test -x $(PY) || $(PYTHON311) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt -c requirements.lock
	touch $@

setup: $(VENV)/.installed fonts migrate  ## create the virtualenv and bring the database up to date

fonts:  ## install the CJK font the documents embed (fonts-droid-fallback), if missing
	@test -f $(FONT_CJK) || { \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-droid-fallback >/dev/null 2>&1 || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-droid-fallback >/dev/null; }; \
	  else echo "please install fonts-droid-fallback (sudo apt-get install fonts-droid-fallback)"; exit 1; fi; }

# The web chat's browser test drives Debian's headless Chromium with its chromedriver (no browser
# can be downloaded here: Selenium is pointed at these two).
browser:  ## install chromium and chromium-driver for the web chat's browser test, if missing
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }; \
	  else echo "the browser test needs chromium and chromium-driver (sudo apt-get install chromium chromium-driver); without them it is skipped"; fi; }

migrate: $(VENV)/.installed  ## apply database migrations (DATABASE_URL, default var/aduan.sqlite3)
	$(PY) -m storage.migrate

run: setup nlu-train  ## set everything up, then run Rasa, the web server and the worker
	./scripts/run.sh

web: setup  ## the web server alone (gunicorn) on $$PORT
	$(VENV)/bin/gunicorn -c handlers/gunicorn_conf.py handlers.wsgi:app

worker: setup  ## the outbox delivery worker alone
	$(PY) -m handlers.worker

chat: setup  ## talk to the bot in this terminal as a complainant would (no credentials needed)
	$(PY) -m handlers.terminal

test: $(VENV)/.installed fonts browser nlu-train  ## set up, train the NLU model, run the whole suite
	$(PY) -m pytest tests

bench: setup nlu-train  ## print speed, memory and reading figures (turns vs ceiling, Telegram, alerts, soak, NLU, reading load)
	$(PY) scripts/bench.py
	./scripts/with_rasa.sh $(PY) nlu/bench.py
	./scripts/with_rasa.sh $(PY) scripts/bench_reading.py

nlu-export-corrections: setup  ## write officer-corrected descriptions as Rasa examples for review
	$(PY) -m handlers.export_corrections nlu/corrections.yml

clean:  ## remove virtualenvs, models and the local database
	rm -rf $(VENV) .venv-nlu var nlu/models nlu/reports
