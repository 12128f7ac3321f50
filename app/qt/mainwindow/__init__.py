"""The main window, in one module per concern.

``window`` is the shell (widgets, layout, wiring); ``actions`` the action and
menu tables; ``session`` the open article, positions, recent list and saving;
``reading`` the Player; ``opening`` files, addresses, paste, drops and what
follows a load; ``voices`` the voice set-up; ``preferences`` speed, volume,
zoom and theme; ``export`` File › Export as audio; ``language`` the
interface language menu. The application object
(:mod:`lismoi.qt.application`) creates and replaces windows.
"""

from lismoi.qt.mainwindow.window import MainWindow

__all__ = ["MainWindow"]
