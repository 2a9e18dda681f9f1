package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void warmupCosineWarmsUpToOneThenDecaysToZero() {
        Schedule s = Schedule.warmupCosine(10, 100);
        assertEquals(0.1, s.at(0), 1e-12);
        assertEquals(1.0, s.at(9), 1e-12);
        assertEquals(1.0, s.at(10), 1e-12);
        assertEquals(0.5, s.at(55), 1e-12);
        assertTrue(s.at(99) < 0.001);
        assertEquals(0.0, s.at(100), 1e-12);
        assertEquals(0.0, s.at(1000), 1e-12, "stays at 0 after the last step");
    }

    @Test
    void linearDecayFallsStraightToZero() {
        Schedule s = Schedule.linearDecay(0, 100);
        assertEquals(1.0, s.at(0), 1e-12);
        assertEquals(0.5, s.at(50), 1e-12);
        assertEquals(0.0, s.at(100), 1e-12);
        assertEquals(0.0, s.at(500), 1e-12);
        Schedule warm = Schedule.linearDecay(4, 104);
        assertEquals(0.25, warm.at(0), 1e-12);
        assertEquals(1.0, warm.at(4), 1e-12);
        assertEquals(0.5, warm.at(54), 1e-12);
    }

    @Test
    void constantIsOne() {
        assertEquals(1.0, Schedule.constant().at(0));
        assertEquals(1.0, Schedule.constant().at(Long.MAX_VALUE));
    }

    @Test
    void badLengthsAreRejectedWithTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Schedule.warmupCosine(100, 100));
        assertTrue(e.getMessage().contains("0..99") && e.getMessage().contains("100"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.linearDecay(0, 0));
        assertTrue(e.getMessage().contains("steps must be > 0, got 0"), e.getMessage());
    }
}
