"""Cold start to a usable main window, as a whole process (timed from outside).

    python tests/bench/startup_probe.py DB           the program: database, main window, start page painted
    python tests/bench/startup_probe.py --bare       bare PySide6: an empty QMainWindow painted

The sign-in dialog is skipped (it waits for a person); everything after it runs.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    from PySide6.QtCore import QTimer
    if sys.argv[1] == "--bare":
        from PySide6.QtWidgets import QApplication, QMainWindow
        app = QApplication(sys.argv)
        window = QMainWindow()
        window.show()
    else:
        from models.db import open_database
        from models.i18n import set_language
        set_language("zh_CN")
        from ui.app import create_app
        app = create_app()
        open_database(sys.argv[1])
        from models import users
        from ui.context import AppContext
        from ui.main_window import MainWindow
        user = users.User.select().where(users.User.role == users.CLERK).first()
        window = MainWindow(AppContext(users.Actor.for_user(user), sys.argv[1]))
        window.show()
    QTimer.singleShot(0, app.quit)   # after the first paint of the shown window
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
