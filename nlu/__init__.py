"""Aduan NLU: Rasa 3.6 project (config, data, custom component) and a light HTTP client.

Nothing in this package imports Rasa at import time: ``nlu.client``, ``nlu.normalize`` and
``nlu.corrections`` run in the app's venv; ``nlu.components`` is loaded by Rasa only.
"""
