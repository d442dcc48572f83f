"""Conformance against Debian's linux-source-6.12, every arch, byte for byte.

The kernel's own ``make headers_install`` (run in the test, out of tree) and
ours into two directories: same file set, same bytes.  6.12 is the release
that broke the 6.1-shaped rules: ``syscall-y`` headers made from
scripts/syscall.tbl, a shorter CONFIG_ allow-list, ``compiler_types.h``,
and a bare ``#error`` in scsi_bsg_ufs.h that only the kernel's own unifdef
(2.5) reads right.
"""

from __future__ import annotations

import os

import pytest

from hdrtool.install.plan import plan_install

from test_install_linux import assert_installs_like_the_kernel

pytestmark = pytest.mark.linux

#: the three arches the 6.1 rules broke on (x86, s390, powerpc: scsi_bsg_ufs.h) and
#: two syscall-y arches; with HDRTOOL_ALL_ARCHES=1 every arch of 6.12 but um
#: ("Headers not exportable for UML")
ARCHES_612 = ["x86", "s390", "powerpc", "arm64", "riscv"]
if os.environ.get("HDRTOOL_ALL_ARCHES") == "1":
    ARCHES_612 += ["alpha", "arc", "arm", "csky", "hexagon", "loongarch", "m68k", "microblaze",
                   "mips", "nios2", "openrisc", "parisc", "sh", "sparc", "xtensa"]


@pytest.mark.slow
@pytest.mark.parametrize("arch", ARCHES_612)
def test_612_byte_identical_to_kernel(linux612_src, tmp_path, arch, capsys):
    assert_installs_like_the_kernel(linux612_src, tmp_path, arch, capsys, 800)


def test_612_refuses_um(linux612_src):
    from hdrtool.core.errors import InputError
    with pytest.raises(InputError, match="Headers not exportable for UML"):
        plan_install(linux612_src, "um")
