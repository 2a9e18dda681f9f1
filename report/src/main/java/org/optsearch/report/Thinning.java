package org.optsearch.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Fewer points, the same picture: of each run of consecutive points that fall in the same pixel column,
 * keeps the first, the lowest, the highest and the last (in their order). A line through the kept points
 * covers the same pixels as one through all of them.
 */
final class Thinning {
    private Thinning() {
    }

    /** {@code points} are pixel coordinates {x, y}, in drawing order. */
    static List<double[]> byPixelColumn(List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        int start = 0;
        while (start < points.size()) {
            long column = Math.round(points.get(start)[0]);
            int end = start;
            while (end + 1 < points.size() && Math.round(points.get(end + 1)[0]) == column) {
                end++;
            }
            int low = start;
            int high = start;
            for (int i = start; i <= end; i++) {
                if (points.get(i)[1] < points.get(low)[1]) {
                    low = i;
                }
                if (points.get(i)[1] > points.get(high)[1]) {
                    high = i;
                }
            }
            int[] keep = {start, Math.min(low, high), Math.max(low, high), end};
            int last = -1;
            for (int i : keep) {
                if (i != last) {
                    out.add(points.get(i));
                    last = i;
                }
            }
            start = end + 1;
        }
        return out;
    }
}
