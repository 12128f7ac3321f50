"""The Qt-free core: loading, extraction, language, voices and speech.

Nothing under ``lismoi.core`` may import PySide6 or ``lismoi.qt`` (an import-linter
contract in pyproject.toml enforces it), so the CLI, the tests and the
benchmarks can use the whole pipeline without a display.
"""
