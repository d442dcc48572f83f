"""The s390 fragment allocator, step by step.

Each step is preceded by a map of the mm's list of page-table pages, head
first: ``pfn[X...]`` with one character per fragment (X used).  Every pte
table maps 1M, so ``fault 0x10n00000`` needs table n.  On 31-bit s390 the
pgd (segment table, 8K) takes pfns 0-1, so pte pages start at pfn 2; on
s390x pgd and pmd (16K each) take pfns 0-7.
"""

from sim_helpers import Sim


def test_31bit_packs_four_tables_per_page():
    s = Sim("s390").do("task p 1", "exec")
    #   2[X...]
    s.do("fault 0x10000000")
    assert s.frag_map() == "2[X...]"
    #   2[XXXX]                    a full page stays (it is the only one)
    s.do("fault 0x10100000", "fault 0x10200000", "fault 0x10300000")
    assert s.frag_map() == "2[XXXX]"
    #   3[X...] 2[XXXX]            a new page goes to the head
    s.do("fault 0x10400000")
    assert s.frag_map() == "3[X...] 2[XXXX]"
    # one ctor per page, not per fragment
    assert s.m.alloc.nr_pagetable == 2
    assert len(s.events("ctor ")) == 2
    assert s.problems() == []


def test_64bit_packs_two_tables_per_page():
    s = Sim("s390x").do("task p 1", "exec")
    #   8[XX]
    s.do("fault 0x10000000", "fault 0x10100000")
    assert s.frag_map() == "8[XX]"
    #   9[X.] 8[XX]
    s.do("fault 0x10200000")
    assert s.frag_map() == "9[X.] 8[XX]"
    #   8[XX] 9[XX]                the page that became full moves to the tail
    s.do("fault 0x10300000")
    assert s.frag_map() == "8[XX] 9[XX]"
    assert s.events("frag_alloc")[-1] == "frag_alloc pfn=9 frag=1 bits=0x3"


def test_free_moves_page_to_head_and_empty_page_in_the_middle_is_freed():
    s = Sim("s390").do("task p 1", "exec", "repeat 12 {\n fault 0x10000000+i*1M\n}")
    #   2[XXXX] 3[XXXX] 4[XXXX]    each page went to the tail when it filled
    assert s.frag_map() == "2[XXXX] 3[XXXX] 4[XXXX]"
    #   2[X...] 3[XXXX] 4[XXXX]    free tables 1-3 of page 2 (at the head already)
    s.do("unmap 0x10100000 3M")
    assert s.frag_map() == "2[X...] 3[XXXX] 4[XXXX]"
    #   3[X.XX] 2[X...] 4[XXXX]    free table 5: page 3 moves to the head
    s.do("unmap 0x10500000 1M")
    assert s.frag_map() == "3[X.XX] 2[X...] 4[XXXX]"
    #   3[X.XX] 4[XXXX]            free table 0: page 2, mid-list, is emptied and freed
    s.do("unmap 0x10000000 1M")
    assert s.frag_map() == "3[X.XX] 4[XXXX]"
    assert s.events("dtor", "page_free")[-2:] == ["dtor pfn=2 nr_pagetable=2",
                                                  "page_free pfn=2 order=0"]
    #   4[XXXX] 3[XXXX]            the next table fills the hole of the head
    #                              page, which is then full: to the tail
    s.do("fault 0x20000000")
    assert s.frag_map() == "4[XXXX] 3[XXXX]"
    assert s.problems() == []


def test_pgste_tables_take_two_fragments():
    s = Sim("s390", pgste_all=True).do("task p 1", "exec")
    #   2[XX..]
    s.do("fault 0x10000000")
    assert s.frag_map() == "2[XX..]"
    #   2[XXXX]
    s.do("fault 0x10100000")
    assert s.frag_map() == "2[XXXX]"
    #   3[XX..] 2[XXXX]
    s.do("fault 0x10200000")
    assert s.frag_map() == "3[XX..] 2[XXXX]"
    #   2[..XX] 3[XX..]            freeing the first pair clears both bits
    s.do("unmap 0x10000000 1M")
    assert s.frag_map() == "2[..XX] 3[XX..]"
    assert s.events("frag_free")[-1] == "frag_free pfn=2 frag=0 bits=0xc"


def test_s390x_pgste_table_is_a_whole_page():
    s = Sim("s390x", pgste_all=True).do("task p 1", "exec", "fault 0x10000000")
    #   8[XX]                      one 4K table: ptes + pgstes
    assert s.frag_map() == "8[XX]"
    s.do("fault 0x10100000")
    #   8[XX] 9[XX]                a new page is added at the head, full: to the tail
    assert s.frag_map() == "8[XX] 9[XX]"
    s.do("unmap 0x10000000 1M")
    #   9[XX]                      freeing a table frees its page at once
    assert s.frag_map() == "9[XX]"


def test_enable_sie_copies_the_mm_with_pgstes():
    s = Sim("s390").do("task qemu 1", "exec", "map 0x00400000 3M")
    old = s.mm
    #   old mm: 2[XXX.]
    assert s.frag_map() == "2[XXX.]"
    s.do("enable_sie")
    #   new mm: 3[XX..]... every table a pair; the old mm is gone
    assert s.mm is not old and s.mm.has_pgste
    assert s.frag_map() == "6[XX..] 3[XXXX]"
    assert old.id not in s.m.mms and old.pages == 0
    s.do("fork child")
    assert s.r.tasks["child"].mm.has_pgste
    s.do("exit", "switch child", "exit")
    assert s.m.alloc.nr_used == 0 and s.problems() == []


def test_noexec_doubles_tables_and_shadows_crst():
    s = Sim("s390", noexec=True).do("task p 1", "exec")
    # pgd 8K + its shadow: pfns 0-3
    assert s.m.alloc.nr_used == 4
    s.do("fault 0x10000000")
    #   4[XX..]                    the pte table and its shadow
    assert s.frag_map() == "4[XX..]"
    s.do("exit")
    assert s.m.alloc.nr_used == 0
