"""Build hook: the page templates (templates/, beside the package) go into the wheel in kiosk/."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    """build_py, then templates/ copied to kiosk/templates (an editable install reads them)."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "kiosk" / "templates"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(Path(__file__).parent / "templates", target)


setup(cmdclass={"build_py": BuildWithTemplates})
