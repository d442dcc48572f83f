#ifndef _MACH_TIMER_H
#define _MACH_TIMER_H

/*
 * The PIT (8254) as a reference clock for calibrating the TSC: program
 * channel 2 for a known number of ticks and count TSC cycles meanwhile.
 */

#define CLOCK_TICK_RATE		1193182	/* PIT input frequency in Hz */

#define CALIBRATE_TIME_MSEC	30	/* 30 ms */
#define CALIBRATE_LATCH	\
	((CLOCK_TICK_RATE * CALIBRATE_TIME_MSEC + 1000/2) / 1000)

#endif /* _MACH_TIMER_H */
