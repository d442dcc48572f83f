/*
 * The address space of a simulated mm: sorted, disjoint [start, end)
 * intervals, merged when they touch, split when a removal cuts them --
 * hdrtool/sim/mm.py's vma_add/vma_remove/vma_overlaps, which decide which
 * page tables free_pgtables may free.
 */
#include "csim.h"

void csim_vma_splice(struct csim_mm *mm, int i, int j, const struct csim_vma *with, int n)
{
	int k, grow = n - (j - i);

	if (mm->nvmas + grow > mm->maxvmas) {
		int max = (mm->nvmas + grow) * 2 + 8;
		struct csim_vma *v = host_zalloc(sizeof(*v) * max);

		for (k = 0; k < mm->nvmas; k++)
			v[k] = mm->vmas[k];
		host_free(mm->vmas);
		mm->vmas = v;
		mm->maxvmas = max;
	}
	if (grow > 0)
		for (k = mm->nvmas - 1; k >= j; k--)
			mm->vmas[k + grow] = mm->vmas[k];
	else if (grow < 0)
		for (k = j; k < mm->nvmas; k++)
			mm->vmas[k + grow] = mm->vmas[k];
	for (k = 0; k < n; k++)
		mm->vmas[i + k] = with[k];
	mm->nvmas += grow;
}

static int vma_first(struct csim_mm *mm, csim_u64 start)
{
	int i = 0;

	while (i < mm->nvmas && mm->vmas[i].start < start)
		i++;
	return i;
}

void csim_vma_add(struct csim_mm *mm, csim_u64 start, csim_u64 end)
{
	struct csim_vma v = { start, end };
	int i = vma_first(mm, start), j;

	if (i && mm->vmas[i - 1].end >= start)
		i--;
	for (j = i; j < mm->nvmas && mm->vmas[j].start <= v.end; j++) {
		if (mm->vmas[j].start < v.start)
			v.start = mm->vmas[j].start;
		if (mm->vmas[j].end > v.end)
			v.end = mm->vmas[j].end;
	}
	csim_vma_splice(mm, i, j, &v, 1);
}

void csim_vma_remove(struct csim_mm *mm, csim_u64 start, csim_u64 end)
{
	struct csim_vma keep[2];
	int i = vma_first(mm, start), j, n = 0;

	if (i && mm->vmas[i - 1].end > start)
		i--;
	for (j = i; j < mm->nvmas && mm->vmas[j].start < end; j++) {
		if (mm->vmas[j].start < start)
			keep[n].start = mm->vmas[j].start, keep[n++].end = start;
		if (mm->vmas[j].end > end)
			keep[n].start = end, keep[n++].end = mm->vmas[j].end;
	}
	csim_vma_splice(mm, i, j, keep, n);
}

int csim_vma_overlaps(struct csim_mm *mm, csim_u64 start, csim_u64 end)
{
	int i = vma_first(mm, start);

	if (i && mm->vmas[i - 1].end > start)
		return 1;
	return i < mm->nvmas && mm->vmas[i].start < end;
}

