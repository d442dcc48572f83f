"""The bundled tree's install for each arch checks clean (0 errors)."""

from __future__ import annotations

import pytest

from hdrtool.check import check_tree
from hdrtool.cli import main


@pytest.mark.parametrize("arch", ["i386", "x86_64", "s390"])
def test_bundled_install_checks_clean(arch, srctree, tmp_path, capsys, cc):
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(srctree), "headers_install", f"ARCH={arch}", f"O={tmp_path}"])
    assert exc.value.code == 0, capsys.readouterr().err
    result = check_tree(tmp_path / "usr" / "include", arch=arch, cc=cc, jobs=2)
    assert result.headers, "nothing installed"
    assert result.errors == 0, "\n".join(d.render() for d in result.diagnostics)
    assert result.failed == []
