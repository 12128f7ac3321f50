"""The Qt-free core: loading, extraction, language, voices and speech.

Nothing under ``app.core`` may import PySide6 or ``app.qt`` (an import-linter
contract in pyproject.toml enforces it), so the CLI, the tests and the
benchmarks can use the whole pipeline without a display.
"""
