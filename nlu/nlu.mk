# Makefile fragment for the Rasa NLU part. Included by the top-level Makefile:
#     include nlu/nlu.mk
# Targets: nlu-venv, nlu-train, nlu-serve, nlu-eval, nlu-eval-compare, nlu-cv, nlu-data, nlu-clean.
# Every variable here starts with NLU_ (plus RASA_PORT, the serve port).

# Repo root, from this file's location (works whatever the caller's directory is).
NLU_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
NLU_DIR := $(NLU_ROOT)/nlu
NLU_VENV ?= $(NLU_ROOT)/.venv-nlu
NLU_VENV_STAMP := $(NLU_VENV)/.nlu-venv.stamp
NLU_PYTHON := $(NLU_VENV)/bin/python
NLU_RASA := $(NLU_VENV)/bin/rasa
# Rasa 3.6 needs Python 3.8-3.10: pyenv's 3.10.13 if present, else python3.10 on PATH.
NLU_PY310 ?= $(firstword $(wildcard $(shell pyenv prefix 3.10.13 2>/dev/null)/bin/python3.10) $(shell command -v python3.10 2>/dev/null) python3.10)

NLU_CONFIG ?= $(NLU_DIR)/config.yml
NLU_DATA_DIR := $(NLU_DIR)/data
NLU_MODELS_DIR := $(NLU_DIR)/models
NLU_MODEL_NAME := aduan-nlu
NLU_MODEL := $(NLU_MODELS_DIR)/$(NLU_MODEL_NAME).tar.gz
NLU_FINGERPRINT := $(NLU_MODELS_DIR)/.inputs.sha256
NLU_REPORTS_DIR := $(NLU_DIR)/reports
NLU_HELDOUT := $(NLU_DIR)/tests/heldout.yml
NLU_HOST ?= 127.0.0.1
RASA_PORT ?= 5005

# Everything a trained model depends on (content-hashed into NLU_FINGERPRINT).
NLU_TRAIN_INPUTS = $(NLU_CONFIG) $(sort $(wildcard $(NLU_DATA_DIR)/*.yml)) \
	$(NLU_DIR)/normalize.py $(sort $(wildcard $(NLU_DIR)/components/*.py)) \
	$(NLU_DIR)/requirements.txt

# Environment of every Rasa command: no telemetry, the custom component importable as
# nlu.components.slang_tokenizer.SlangTokenizer, Rasa's cache inside the models dir.
NLU_ENV = RASA_TELEMETRY_ENABLED=false PYTHONPATH=$(NLU_ROOT) \
	RASA_CACHE_DIRECTORY=$(NLU_MODELS_DIR)/.cache TF_CPP_MIN_LOG_LEVEL=2 \
	SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore

.PHONY: nlu-venv nlu-train nlu-serve nlu-eval nlu-eval-compare nlu-cv nlu-data nlu-clean _nlu_force

## nlu-venv: create .venv-nlu (Python 3.10, Rasa 3.6) once; redone only if requirements change
nlu-venv: $(NLU_VENV_STAMP)

$(NLU_VENV_STAMP): $(NLU_DIR)/requirements.txt
	@test -x $(NLU_PYTHON) || $(NLU_PY310) -m venv $(NLU_VENV)
	$(NLU_PYTHON) -m pip install --quiet --disable-pip-version-check -r $(NLU_DIR)/requirements.txt
	@touch $@

## nlu-train: train nlu/models/aduan-nlu.tar.gz, only when config/data/component content changed
nlu-train: $(NLU_MODEL)

# Rewritten only when the inputs' content hash changes, so touching a file or a fresh
# clone with an existing model does not retrain.
$(NLU_FINGERPRINT): _nlu_force
	@mkdir -p $(@D)
	@cd $(NLU_ROOT) && sha256sum $(patsubst $(NLU_ROOT)/%,%,$(NLU_TRAIN_INPUTS)) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

$(NLU_MODEL): $(NLU_FINGERPRINT) | $(NLU_VENV_STAMP)
	@mkdir -p $(@D)
	@echo "nlu-train: training $(notdir $@) (log: $(NLU_MODELS_DIR)/train.log)"
	@start=$$(date +%s); cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_RASA) train nlu \
		--config $(NLU_CONFIG) --nlu $(NLU_DATA_DIR) --out $(NLU_MODELS_DIR) \
		--fixed-model-name $(NLU_MODEL_NAME) > $(NLU_MODELS_DIR)/train.log 2>&1 \
		|| { tail -n 40 $(NLU_MODELS_DIR)/train.log; rm -f $(NLU_FINGERPRINT); exit 1; }; \
		echo "nlu-train: done in $$(( $$(date +%s) - start )) s"
	@touch $@

## nlu-serve: serve the model over HTTP on 127.0.0.1:$(RASA_PORT) (override RASA_PORT)
nlu-serve: $(NLU_MODEL)
	cd $(NLU_ROOT) && $(NLU_ENV) exec $(NLU_RASA) run --enable-api -m $(NLU_MODEL) \
		-i $(NLU_HOST) -p $(RASA_PORT)

## nlu-eval: the served model on the real dev set and the held-out set (+ confusion matrix PNG)
nlu-eval: $(NLU_MODEL)
	@mkdir -p $(NLU_REPORTS_DIR)
	@cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_PYTHON) $(NLU_DIR)/evaluate.py --model $(NLU_MODEL) \
		--name ours --out $(NLU_REPORTS_DIR) --png 2> $(NLU_REPORTS_DIR)/eval.stderr.log \
		|| { tail -n 40 $(NLU_REPORTS_DIR)/eval.stderr.log; exit 1; }
	@echo "nlu-eval: report $(NLU_REPORTS_DIR)/ours.md"

# Pipelines compared by `make nlu-eval-compare` (name=config). Each trains on the full data.
NLU_VARIANTS ?= ours=$(NLU_CONFIG) \
	ours-noidf=$(NLU_DIR)/config.noidf.yml \
	ours-lex=$(NLU_DIR)/config.lex.yml \
	ours-c1=$(NLU_DIR)/config.c1.yml \
	ours-slang=$(NLU_DIR)/config.slang.yml \
	ours-balanced=$(NLU_DIR)/config.balanced.yml \
	ours-scope=$(NLU_DIR)/config.scope.yml \
	diet-previous=$(NLU_DIR)/config.diet.yml \
	rasa-default=$(NLU_DIR)/config.default.yml

## nlu-eval-compare: train and evaluate every pipeline in NLU_VARIANTS, one at a time (~1 h: Rasa's default DIET alone is long); writes reports/compare.md
nlu-eval-compare: | $(NLU_VENV_STAMP)
	@mkdir -p $(NLU_REPORTS_DIR)
	@cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_PYTHON) $(NLU_DIR)/scripts/compare.py \
		--out $(NLU_REPORTS_DIR)/compare $(NLU_VARIANTS)

## nlu-cv: 5-fold cross-validation of the served pipeline on the training data (summarize.py)
nlu-cv: | $(NLU_VENV_STAMP)
	@mkdir -p $(NLU_REPORTS_DIR)/logs
	@rm -rf $(NLU_REPORTS_DIR)/cv
	@cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_RASA) test nlu --cross-validation --folds 5 \
		--config $(NLU_CONFIG) --nlu $(NLU_DATA_DIR) --out $(NLU_REPORTS_DIR)/cv --no-plot \
		> $(NLU_REPORTS_DIR)/logs/cv.log 2>&1 || { tail -n 40 $(NLU_REPORTS_DIR)/logs/cv.log; exit 1; }
	@$(NLU_PYTHON) $(NLU_DIR)/scripts/summarize.py --out $(NLU_REPORTS_DIR)/cv.md \
		"5-fold CV, ours=$(NLU_REPORTS_DIR)/cv"

## nlu-data: regenerate nlu/data/gen_*.yml from nlu/data_src (deterministic)
nlu-data: | $(NLU_VENV_STAMP)
	@cd $(NLU_ROOT) && $(NLU_PYTHON) $(NLU_DIR)/scripts/make_data.py

## nlu-clean: remove trained models and reports (not the venv)
nlu-clean:
	rm -rf $(NLU_MODELS_DIR) $(NLU_REPORTS_DIR)

