# Makefile fragment for the Rasa NLU part. Included by the top-level Makefile:
#     include nlu/nlu.mk
# Targets: nlu-venv, nlu-train, nlu-serve, nlu-eval, nlu-eval-compare, nlu-clean.
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
NLU_SPLIT_SEED ?= 42
NLU_SPLIT_FRACTION ?= 0.8
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

.PHONY: nlu-venv nlu-train nlu-serve nlu-eval nlu-eval-compare nlu-clean _nlu_force

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

# $(call nlu_split_eval,LABEL,CONFIG): train CONFIG on the fixed split's training part,
# evaluate on the split's test part and on the held-out file.
define nlu_split_eval
	@echo "nlu-eval: [$(1)] training on the split ($(notdir $(2)))"
	@start=$$(date +%s); cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_RASA) train nlu --config $(2) \
		--nlu $(NLU_REPORTS_DIR)/split/training_data.yml --out $(NLU_REPORTS_DIR)/models \
		--fixed-model-name split-$(1) > $(NLU_REPORTS_DIR)/logs/train-split-$(1).log 2>&1 \
		|| { tail -n 40 $(NLU_REPORTS_DIR)/logs/train-split-$(1).log; exit 1; }; \
		echo "nlu-eval: [$(1)] trained in $$(( $$(date +%s) - start )) s"
	@rm -rf $(NLU_REPORTS_DIR)/split-$(1) $(NLU_REPORTS_DIR)/heldout-split-$(1)
	@cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_RASA) test nlu -m $(NLU_REPORTS_DIR)/models/split-$(1).tar.gz \
		--nlu $(NLU_REPORTS_DIR)/split/test_data.yml --out $(NLU_REPORTS_DIR)/split-$(1) \
		--no-plot --successes > $(NLU_REPORTS_DIR)/logs/test-split-$(1).log 2>&1 \
		|| { tail -n 40 $(NLU_REPORTS_DIR)/logs/test-split-$(1).log; exit 1; }
	@cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_RASA) test nlu -m $(NLU_REPORTS_DIR)/models/split-$(1).tar.gz \
		--nlu $(NLU_HELDOUT) --out $(NLU_REPORTS_DIR)/heldout-split-$(1) \
		--no-plot --successes > $(NLU_REPORTS_DIR)/logs/test-heldout-split-$(1).log 2>&1 \
		|| { tail -n 40 $(NLU_REPORTS_DIR)/logs/test-heldout-split-$(1).log; exit 1; }
endef

_nlu_split: | $(NLU_VENV_STAMP)
	@mkdir -p $(NLU_REPORTS_DIR)/logs
	@cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_RASA) data split nlu -u $(NLU_DATA_DIR) \
		--training-fraction $(NLU_SPLIT_FRACTION) --random-seed $(NLU_SPLIT_SEED) \
		--out $(NLU_REPORTS_DIR)/split > $(NLU_REPORTS_DIR)/logs/split.log 2>&1 \
		|| { tail -n 40 $(NLU_REPORTS_DIR)/logs/split.log; exit 1; }

## nlu-eval: our pipeline on the fixed 80/20 split + the full model on nlu/tests/heldout.yml
nlu-eval: $(NLU_MODEL) _nlu_split
	$(call nlu_split_eval,ours,$(NLU_CONFIG))
	@echo "nlu-eval: [ours] full model on $(notdir $(NLU_HELDOUT))"
	@rm -rf $(NLU_REPORTS_DIR)/heldout-ours
	@cd $(NLU_ROOT) && $(NLU_ENV) $(NLU_RASA) test nlu -m $(NLU_MODEL) --nlu $(NLU_HELDOUT) \
		--out $(NLU_REPORTS_DIR)/heldout-ours --no-plot --successes \
		> $(NLU_REPORTS_DIR)/logs/test-heldout-ours.log 2>&1 \
		|| { tail -n 40 $(NLU_REPORTS_DIR)/logs/test-heldout-ours.log; exit 1; }
	@$(NLU_PYTHON) $(NLU_DIR)/scripts/summarize.py --out $(NLU_REPORTS_DIR)/eval.md \
		"split test, ours=$(NLU_REPORTS_DIR)/split-ours" \
		"heldout, ours (split-trained)=$(NLU_REPORTS_DIR)/heldout-split-ours" \
		"heldout, ours (full model)=$(NLU_REPORTS_DIR)/heldout-ours"

## nlu-eval-compare: same split and held-out set: Rasa's default pipeline, and ours with slang normalisation
nlu-eval-compare: _nlu_split
	$(call nlu_split_eval,default,$(NLU_DIR)/config.default.yml)
	$(call nlu_split_eval,slang,$(NLU_DIR)/config.slang.yml)
	@$(NLU_PYTHON) $(NLU_DIR)/scripts/summarize.py --out $(NLU_REPORTS_DIR)/compare.md \
		"split test, ours=$(NLU_REPORTS_DIR)/split-ours" \
		"split test, default=$(NLU_REPORTS_DIR)/split-default" \
		"split test, slang=$(NLU_REPORTS_DIR)/split-slang" \
		"heldout, ours (split-trained)=$(NLU_REPORTS_DIR)/heldout-split-ours" \
		"heldout, default (split-trained)=$(NLU_REPORTS_DIR)/heldout-split-default" \
		"heldout, slang (split-trained)=$(NLU_REPORTS_DIR)/heldout-split-slang"

## nlu-clean: remove trained models and reports (not the venv)
nlu-clean:
	rm -rf $(NLU_MODELS_DIR) $(NLU_REPORTS_DIR)

.PHONY: _nlu_split
