"""Fast tests of the promises headers_install keeps on a small tree in the
Linux >= 5.3 layout (tests/test_uptodate.py's): a CONFIG_ symbol that
reaches user space stops the install, as the kernel's script does.

Each test here exists because a one-line mutation of the check it covers
(the check made a no-op) used to leave the default suite green; the slow
Linux-tree tests were the only ones to notice.
"""

from __future__ import annotations

import pytest

from hdrtool.core.errors import InputError
from hdrtool.install.sanitize import check_config_leak

from golden_cases import run_cli, tree_files
from test_uptodate import HEADERS_INSTALL_SH, header, linux  # noqa: F401 (fixture)

#: Linux 6.1 scripts/headers_install.sh's leak check: the sed program that
#: lists the CONFIG_ words outside comments, and the loop over them.
LEAK_CHECK = r"""
configs=$(sed -e '
:comment
	s:/\*[^*][^*]*:/*:
	s:/\*\*\**\([^/]\):/*\1:
	t comment
	s:/\*\*/: :
	t comment
	/\/\*/! b check
	N
	b comment
:print
	P
	D
:check
	s:^\(CONFIG_[[:alnum:]_]*\):\1\n:
	t print
	s:^[[:alnum:]_][[:alnum:]_]*::
	s:^[^[:alnum:]_][^[:alnum:]_]*::
	t check
	d
' $OUTFILE)

config_leak_ignores="
include/uapi/linux/allowed.h:CONFIG_ALLOWED
"

for c in $configs
do
	leak_error=1
	for ignore in $config_leak_ignores
	do
		if echo "$INFILE:$c" | grep -q "$ignore$"; then
			leak_error=
			break
		fi
	done
	if [ "$leak_error" = 1 ]; then
		echo "error: $INFILE: leak $c to user-space" >&2
		exit 1
	fi
done
"""


@pytest.fixture
def leaky(linux):
    """The small tree with the kernel's leak check in its install script."""
    script = linux / "scripts/headers_install.sh"
    text = HEADERS_INSTALL_SH.replace('config_leak_ignores="\n"\n', "")
    script.write_text(text.replace("' $1 > $2.tmp || exit 1\n",
                                   "' $1 > $2.tmp || exit 1\nOUTFILE=$2\nINFILE=$1\n")
                      + LEAK_CHECK)
    return linux


def _install(tree, dest, capsys):
    return run_cli(["-C", tree, "headers_install", "ARCH=x86", f"INSTALL_HDR_PATH={dest}"],
                   capsys)


def test_a_config_symbol_in_user_space_stops_the_install(leaky, tmp_path, capsys):
    (leaky / "include/uapi/linux/foo.h").write_text(
        header("_UAPI_LINUX_FOO_H", "/* CONFIG_IN_A_COMMENT is fine */\n"
                                    "#define WIDTH CONFIG_FOO_WIDTH\n"))
    rc, out, err = _install(leaky, tmp_path / "dest", capsys)
    assert (rc, out) == (2, "")
    assert err == ("hdrtool: error: include/uapi/linux/foo.h:5: leak CONFIG_FOO_WIDTH "
                   "to user-space\n")
    assert not (tmp_path / "dest").exists()


def test_the_scripts_allow_list_lets_its_entries_through(leaky, tmp_path, capsys):
    (leaky / "include/uapi/linux/allowed.h").write_text(
        header("_UAPI_LINUX_ALLOWED_H", "#define X CONFIG_ALLOWED\n"))
    rc, _, err = _install(leaky, tmp_path / "dest", capsys)
    assert (rc, err) == (0, "")
    assert b"CONFIG_ALLOWED" in tree_files(tmp_path / "dest/include")["linux/allowed.h"]


@pytest.mark.parametrize("data, line", [
    (b"#define A 1\n#define B CONFIG_B\n", 2),
    (b"/* CONFIG_A */ int x;\n#ifdef CONFIG_C\n#endif\n", 2),
])
def test_check_config_leak_reports_the_first_leak_with_its_line(data, line):
    with pytest.raises(InputError) as exc:
        check_config_leak(data, "include/uapi/linux/x.h", ignores=())
    assert (exc.value.path, exc.value.line) == ("include/uapi/linux/x.h", line)
    assert exc.value.message.startswith("leak CONFIG_") and exc.value.message.endswith(
        " to user-space")


def test_check_config_leak_passes_comments_and_allowed_symbols():
    data = b"/* CONFIG_IN_COMMENT */\n#define X CONFIG_OK\n"
    assert check_config_leak(data, "include/uapi/linux/x.h",
                             ignores=("include/uapi/linux/x.h:CONFIG_OK",)) == data
