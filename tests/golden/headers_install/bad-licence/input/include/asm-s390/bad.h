/* SPDX-License-Identifier: GPL-2.0 */
#define A 1
