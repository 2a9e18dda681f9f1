package org.optsearch.search.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/** Rewriting never changes what a program computes: 300 random programs, checked with the reference interpreter. */
class RewritePropertyTest {
    private static final int PROGRAMS = 300;

    @Test
    void rewritingKeepsTheFunctionOfRandomPrograms() {
        SplittableRandom rnd = new SplittableRandom(20230213);
        Map<String, Integer> fired = new TreeMap<>();
        int checked = 0;
        for (int n = 0; n < PROGRAMS; n++) {
            Program p = RandomPrograms.generate(rnd);
            Simplifier.Result r = Simplifier.rewrite(p);
            assertTrue(Analysis.of(r.program()).valid(), () -> "invalid result for\n" + p + "->\n" + r.program());
            r.applied().forEach(line -> fired.merge(line.substring(0, line.indexOf(':')), 1, Integer::sum));
            boolean finite = true;
            for (long seed = 1; seed <= 2; seed++) {
                Numerics.Comparison c = Numerics.compare(p, r.program(), seed);
                if (c.outcome() == Numerics.Outcome.DIFFERENT) {
                    fail("rewriting changed the function: " + c + "\n" + p + "->\n" + r.program() + "log: " + r.applied());
                }
                finite &= c.outcome() == Numerics.Outcome.SAME;
            }
            checked += finite ? 1 : 0;
        }
        assertTrue(checked >= PROGRAMS * 2 / 3, "only " + checked + " programs had finite values");
        for (Rule rule : Rule.values()) {
            assertTrue(fired.containsKey(rule.label()), rule.label() + " never fired; fired: " + fired);
        }
    }

    @Test
    void inPlaceRewritingGivesWhatAnalysingAfterEveryApplicationGives() {
        SplittableRandom rnd = new SplittableRandom(77);
        int rewritten = 0;
        for (int n = 0; n < PROGRAMS; n++) {
            Program p = RandomPrograms.generate(rnd);
            Ssa start = Rewriter.readOutputsThroughCopies(Ssa.of(p));
            List<String> fastLog = new ArrayList<>();
            List<String> carefulLog = new ArrayList<>();
            Program fast = Rewriter.rewrite(start, List.of(Rule.values()), fastLog).toProgram();
            Program careful = Rewriter.rewriteCarefully(start, List.of(Rule.values()), carefulLog).toProgram();
            assertEquals(careful, fast, p::toString);
            assertEquals(carefulLog, fastLog, p::toString);
            rewritten += carefulLog.isEmpty() ? 0 : 1;
        }
        assertTrue(rewritten > PROGRAMS / 4, "only " + rewritten + " programs had anything to rewrite");
    }

    @Test
    void rewritingIsIdempotent() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n = 0; n < PROGRAMS; n++) {
            Program once = Simplifier.rewrite(RandomPrograms.generate(rnd)).program();
            Simplifier.Result twice = Simplifier.rewrite(once);
            assertEquals(once.print(), twice.program().print());
            assertEquals(0, twice.applied().size(), () -> twice.applied().toString());
        }
    }

    @Test
    void rewritingNeverLengthensAProgram() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n = 0; n < PROGRAMS; n++) {
            Program p = Simplifier.removeDead(RandomPrograms.generate(rnd)).program();
            Program r = Simplifier.rewrite(p).program();
            assertTrue(r.statements().size() <= p.statements().size(), () -> p + "->\n" + r);
        }
    }
}
