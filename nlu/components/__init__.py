"""Custom Rasa components (imported by Rasa from ``.venv-nlu``, repo root on PYTHONPATH)."""
