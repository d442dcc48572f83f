"""The generic mm on the model: lost race, fork/exit, HIGHPTE, fault
injection, the allocator, and invariants that catch a broken arch."""

import pytest

from hdrtool.core.errors import InputError
from hdrtool.sim.pages import PageAllocator
from hdrtool.sim.scenario import parse
from sim_helpers import VARIANTS, Sim


def _api(s):
    return [e.split(" pgtable=")[0].split(" mm=")[0] for e in
            s.events("pte_alloc_one", "pmd_populate", "pte_free", "lock_release class=&mm")]


@pytest.mark.parametrize("name", ["x86_32", "x86_64", "s390", "s390x"])
def test_lost_race_frees_the_spare_after_unlocking(name):
    s = Sim(name).do("task p 1", "exec")
    before = len(s.m.lines)
    #   pmd of 0x400000: empty
    #   we: pte_alloc_one(A) | other thread: pte_alloc_one(B), populate(B)
    #   we: lock, pmd present, unlock, then pte_free(A)
    s.do("fault 0x00400000 race")
    tail = s.m.lines[before:]
    allocs = [e for e in tail if e.startswith("pte_alloc_one")]
    pop = [e for e in tail if e.startswith("pmd_populate")]
    free = [i for i, e in enumerate(tail) if e.startswith("pte_free")]
    assert len(allocs) == 2 and len(pop) == 1 and len(free) == 1
    spare = allocs[0].split("pgtable=")[1]
    winner = allocs[1].split("pgtable=")[1]
    assert pop[0].endswith(f"pgtable={winner}")
    assert tail[free[0]].endswith(f"pgtable={spare}")
    last_release = max(i for i, e in enumerate(tail[:free[0]])
                       if e == "lock_release class=&mm->page_table_lock")
    assert tail[free[0] - 1] == tail[last_release]   # freed right after unlocking
    assert s.mm.nr_ptes == 1 and s.problems() == [] and s.findings() == []


LOST_RACE_MAPS = {
    # variant: (pages after the race, populated pmds)   index>pfn[.fragment]
    "x86_32": ("0:pgd 2:pte", "1>2"),                    # spare page 1 went back
    "x86_64": ("0:pgd 1:pud 2:pmd 4:pte", "2>4"),        # spare page 3 went back
    "s390": ("0-1:pgd 2:pte", "4>2.1"),                  # fragment 0 went back
    "s390x": ("0-3:pgd 4-7:pmd 8:pte", "4>8.1"),
}


@pytest.mark.parametrize("name", sorted(LOST_RACE_MAPS))
def test_lost_race_maps(name):
    s = Sim(name).do("task p 1", "exec")
    s.do("fault 0x00400000 race")
    pages, pmds = LOST_RACE_MAPS[name]
    assert (s.page_map(), s.pmd_map()) == (pages, pmds)
    s.do("fault 0x00401000")
    assert (s.page_map(), s.pmd_map()) == (pages, pmds)   # same table, no new page


@pytest.mark.parametrize("arch,name", VARIANTS, ids=[v for _, v in VARIANTS])
def test_fork_and_exit_leave_nothing(arch, name):
    s = Sim(name).do("task p 1", "exec", "map 0x00400000 5M", "map 0x20000000 64K")
    parent_pages = s.page_map()
    s.do("fork c", "switch c", "map 0x30000000 1M", "unmap 0x00400000 2M")
    child = s.mm
    assert child.mapped == (3 << 20) // 4096 + 16 + 256
    s.do("exit", "switch p")
    #   after the child's exit: exactly the parent's pages again
    assert s.page_map() == parent_pages
    assert child.pages == 0 and child.tables == 0 and child.id not in s.m.mms
    assert s.problems() == []
    s.do("exit")
    #   (nothing)
    assert s.page_map() == "" and s.m.alloc.nr_pagetable == 0
    assert s.m.live_tables == set() and s.m.installed == {}
    assert s.findings() == []


def test_fork_copies_the_tables_x86_64():
    s = Sim("x86_64").do("task p 1", "exec", "map 0x00400000 4M")
    #   0:pgd 1:pud 2:pmd 3:pte 4:pte          pmds 2>3 3>4
    assert (s.page_map(), s.pmd_map()) == ("0:pgd 1:pud 2:pmd 3:pte 4:pte", "2>3 3>4")
    s.do("fork c", "switch c")
    #   child: 5:pgd 6:pud 7:pmd 8:pte 9:pte   pmds 2>8 3>9
    assert s.pmd_map() == "2>8 3>9"
    assert s.page_map() == "0:pgd 1:pud 2:pmd 3:pte 4:pte 5:pgd 6:pud 7:pmd 8:pte 9:pte"
    locks = [e for e in s.events("lock_acquire class=&page->ptl")]
    assert locks[-2:] == ["lock_acquire class=&page->ptl ctx=task hardirqs=1 softirqs=1",
                          "lock_acquire class=&page->ptl/1 ctx=task hardirqs=1 softirqs=1"]


def test_highpte_tables_are_in_highmem_and_need_kmap():
    s = Sim("x86_32_highpte").do("task p 1", "exec", "map 0x08048000 64K")
    #   0:pgd 1:pteH                           pmd 32>1
    assert (s.page_map(), s.pmd_map()) == ("0:pgd 1:pteH", "32>1")
    page = s.m.table_page(next(iter(s.m.live_tables)))
    assert page.highmem
    assert s.events("kmap", "kunmap") == [f"kmap pfn={page.pfn}", f"kunmap pfn={page.pfn}"]
    s.do("peek 0x08048000 kmap")
    assert s.findings() == []
    s.do("peek 0x08048000")
    assert s.findings() == ["highpte-no-kmap"]
    assert s.m.findings[0].message == f"pte table page {page.pfn} is in highmem and not kmapped"


def test_lowmem_tables_need_no_kmap():
    s = Sim("x86_32").do("task p 1", "exec", "map 0x08048000 64K", "peek 0x08048000")
    assert s.findings() == [] and s.events("kmap") == []


@pytest.mark.parametrize("name", ["x86_64", "s390"])
def test_failed_allocations_leak_nothing(name):
    s = Sim(name).do("task p 1", "exec", "map 0x00400000 2M")
    used = s.m.alloc.nr_used
    #   the first allocation the map needs fails: nothing new stays allocated
    s.do("fail_alloc 1", "map 0x40000000 4M")
    assert s.r.oom == 1 and s.m.alloc.nr_used == used
    #   fork failing at its 1st, 2nd, ... allocation: dup_mm undoes everything
    n = 0
    while True:
        n += 1
        before = s.m.alloc.nr_used
        s.do(f"fail_alloc {n}", f"fork c{n}")
        if f"c{n}" in s.r.tasks:      # the n-th allocation lay beyond the fork
            break
        assert s.m.alloc.nr_used == before and s.problems() == []
    assert n > 2 and s.r.oom == n
    s.do("exit")
    for t in list(s.r.tasks):
        s.do(f"switch {t}", "exit")
    assert s.m.alloc.nr_used == 0 and s.findings() == []


def test_allocator_lowest_free_first_and_aligned_blocks():
    a = PageAllocator(12)
    p = [a.alloc() for _ in range(3)]
    a.free(p[1])
    assert a.alloc().pfn == 1
    big = a.alloc(order=1)
    assert big.pfn == 4                       # 3 is free but 2-page blocks align
    assert a.alloc().pfn == 3
    a.fail_nth(2)
    assert a.alloc() is not None and a.alloc() is None and a.alloc() is not None


def test_nr_pagetable_counts_pages_not_fragments():
    s = Sim("s390").do("task p 1", "exec", "map 0x10000000 4M")
    assert len(s.m.live_tables) == 4 and s.m.alloc.nr_pagetable == 1


# -- invariants catch a broken arch implementation --------------------------

def test_invariant_catches_missing_dtor(monkeypatch):
    s = Sim("x86_64").do("task p 1", "exec", "map 0x00400000 64K")
    monkeypatch.setattr(s.m, "pgtable_dtor", lambda page: None)
    s.do("unmap 0x00400000 64K")
    assert "invariant" in s.findings()
    assert any("NR_PAGETABLE is 1 but 0" in f.message for f in s.m.findings)


def test_invariant_catches_fragment_handed_out_twice(monkeypatch):
    s = Sim("s390").do("task p 1", "exec", "fault 0x10000000")
    page = s.m.alloc.pages[s.mm.pgtable_list[0]]
    page.frag = 0                                    # lose the bit: the allocator reuses fragment 0
    s.do("fault 0x10100000")
    assert "table-handed-out-twice" in s.findings()


def test_invariant_catches_wrong_pmd_pgtable():
    s = Sim("x86_32").do("task p 1", "exec", "map 0x00400000 8M")
    pmd = next(iter(s.m.installed))
    s.m.installed[pmd] += 0x1000
    s.do("unmap 0x00400000 8M")
    assert "pmd-pgtable-mismatch" in s.findings()


def test_invariant_catches_nr_ptes_drift():
    s = Sim("s390x").do("task p 1", "exec", "map 0x00400000 1M")
    s.mm.nr_ptes += 1
    s.do("fault 0x20000000")
    assert any("nr_ptes is 3 but 2" in f.message for f in s.m.findings)


def test_uninitialised_ptl_is_reported():
    s = Sim("x86_64").do("task p 1", "exec", "map 0x00400000 64K")
    s.m.table_page(next(iter(s.m.live_tables))).ptl = False
    s.do("fault 0x00410000")
    assert "ptl-uninitialised" in s.findings()


def test_leak_at_exit_is_reported(monkeypatch):
    from hdrtool.sim import pgalloc
    s = Sim("s390x").do("task p 1", "exec", "map 0x00400000 1M")
    monkeypatch.setattr(pgalloc.FragmentTables, "pte_free", lambda self, mm, phys: None)
    s.do("exit")
    assert "leak" in s.findings()


# -- scenario parsing ---------------------------------------------------------

@pytest.mark.parametrize("text,line,message", [
    ("task p 1\nfualt 0x1000\n", 2, "unknown step 'fualt'; did you mean 'fault'?"),
    ("map 0x1000 1M 3\n", 1, "map: expected 1..2 arguments, got 3"),
    ("softirq {\n sync_pgds\n", 1, "block not closed with '}'"),
    ("}\n", 1, "'}' without a block"),
    ("fault 0x1000 fast\n", 1, "fault: unknown flag 'fast' (only 'race')"),
    ("map 0x1000+j 4K\n", 1, "unknown variable 'j' in '0x1000+j'"),
    ("map __import__ 4K\n", 1, "unknown variable '__import__' in '__import__'"),
    ("set pgd_lock=mutex\n", 1, "bad setting 'pgd_lock=mutex'"),
    ("requires colour=red\n", 1, "unknown requirement 'colour'"),
])
def test_scenario_errors_name_the_line(text, line, message):
    with pytest.raises(InputError) as exc:
        parse(text, "bad.scn")
    assert exc.value.line == line and exc.value.path == "bad.scn"
    assert exc.value.message.startswith(message)


def test_repeat_expands_with_variables():
    scn = parse("repeat 2 as p {\n repeat 2 {\n  map 0x1000*(p*2+i)+1K*4 4K\n  fork w{p}{i}\n }\n}\n")
    assert [s.render() for s in scn.steps] == [
        "map 0x1000 0x1000", "fork w00", "map 0x2000 0x1000", "fork w01",
        "map 0x3000 0x1000", "fork w10", "map 0x4000 0x1000", "fork w11"]
    assert scn.steps[0].loc == "<scenario>:3"


def test_runtime_errors_name_the_scenario_line():
    s = Sim("x86_32").do("task p 1")
    with pytest.raises(InputError, match=r"test.scn:1: map: no current task with an mm"):
        s.do("map 0x1000 4K")
    with pytest.raises(InputError, match=r"beyond the x86_32 address space"):
        s.do("exec", "map 0xfffff000 8K")


# -- kernel page tables ---------------------------------------------------------

def test_x86_kernel_tables_are_lowmem_pages_without_ctor():
    s = Sim("x86_32_highpte").do("task p 1", "exec", "vmap 0x40000000 4M")
    (pte,) = [e for e in s.events("pte_alloc_one_kernel")]
    page = s.m.table_page(int(pte.split("pte=")[1], 16))
    assert not page.highmem and not page.ctor and s.m.alloc.nr_pagetable == 0
    s.do("vmap 0x40400000 4K race")
    assert s.events("pte_free_kernel") and s.problems() == [] and s.findings() == []
    s.do("exit")
    assert s.m.alloc.nr_used == s.m.init_mm.pages == 3      # pgd + 2 kernel tables stay


def test_s390_kernel_tables_are_fragments_with_ctor():
    s = Sim("s390").do("task p 1", "exec", "vmap 0x40000000 3M")
    #   init_mm: 4[XXX.]
    assert s.frag_map(s.m.init_mm) == "4[XXX.]"
    assert s.m.alloc.nr_pagetable == 1
    assert s.events("lock_acquire class=init_mm.page_table_lock")
    s.do("vmap 0x40400000 4K race", "vunmap 0x40000000 1M", "exit")
    assert s.problems() == [] and s.findings() == []


def test_full_check_catches_a_partly_used_page_behind_a_full_one():
    s = Sim("s390").do("task p 1", "exec", "map 0x10000000 5M")
    #   3[X...] 2[XXXX]  ->  corrupted to  2[XXXX] 3[X...]
    assert s.frag_map() == "3[X...] 2[XXXX]"
    s.mm.pgtable_list.reverse()
    assert s.problems() == ["mm 1: partly used page 3 after a full page in pgtable_list"]


def test_full_check_catches_fragment_bits_that_do_not_match_the_tables():
    s = Sim("s390x").do("task p 1", "exec", "map 0x10000000 1M")
    s.m.alloc.pages[s.mm.pgtable_list[0]].frag = 0x3
    assert s.problems() == ["table page 8: fragment bits 0x3, tables use 0x1"]
