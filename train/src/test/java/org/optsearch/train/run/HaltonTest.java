package org.optsearch.train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HaltonTest {

    @Test
    void radicalInverseMirrorsTheDigits() {
        assertEquals(0.5, Halton.radicalInverse(1, 2));
        assertEquals(0.25, Halton.radicalInverse(2, 2));
        assertEquals(0.75, Halton.radicalInverse(3, 2));
        assertEquals(1.0 / 3, Halton.radicalInverse(1, 3), 1e-15);
        assertEquals(2.0 / 3 + 1.0 / 9, Halton.radicalInverse(5, 3), 1e-15); // 5 = 12 in base 3
    }

    @Test
    void sameSeedGivesTheSamePointsAndAnotherSeedOthers() {
        double[][] a = new Halton(5, 7).points(30);
        double[][] b = new Halton(5, 7).points(30);
        double[][] c = new Halton(5, 8).points(30);
        for (int i = 0; i < 30; i++) {
            assertArrayEquals(a[i], b[i]);
        }
        assertFalse(Arrays.equals(a[0], c[0]));
    }

    @Test
    void pointsStayInTheUnitCubeAndFillEveryStratum() {
        double[][] p = new Halton(3, 1).points(64);
        for (int d = 0; d < 3; d++) {
            int[] strata = new int[4];
            for (double[] x : p) {
                assertTrue(x[d] >= 0 && x[d] < 1);
                strata[(int) (x[d] * 4)]++;
            }
            for (int s : strata) {
                assertTrue(s >= 12 && s <= 20, "stratum count " + s + " in dimension " + d);
            }
        }
    }

    @Test
    void scalesMapTheEndsOfTheInterval() {
        assertEquals(1e-4, Halton.logScale(0, 1e-4, 1e-1), 1e-18);
        assertEquals(1e-2, Halton.logScale(2.0 / 3, 1e-4, 1e-1), 1e-12);
        assertEquals(0.25, Halton.linearScale(0.5, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Halton.logScale(0.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Halton(17, 0));
    }
}
