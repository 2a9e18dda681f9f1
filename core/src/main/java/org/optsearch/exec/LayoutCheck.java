package org.optsearch.exec;

import java.util.ArrayList;
import java.util.List;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Diagnostic;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.lang.ProgramException;
import org.optsearch.lang.Statement;

/**
 * What a program needs of the parameters' shapes: {@code orthogonalize} is for matrices. A model with no
 * matrix at all (only vectors and scalars-as-tensors) is refused at the first live {@code orthogonalize},
 * since the function would only normalize; route such parameters to another program.
 */
public final class LayoutCheck {
    private LayoutCheck() {
    }

    /** Errors of running this valid program on parameters with this layout, positioned at the statement. */
    public static List<Diagnostic> check(Analysis analysis, ParamLayout layout) {
        List<Diagnostic> out = new ArrayList<>();
        if (layout.segments().stream().anyMatch(ParamLayout.Segment::isMatrix)) {
            return out;
        }
        Program program = analysis.program();
        List<Integer> dead = analysis.deadStatements();
        List<Statement> statements = program.statements();
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).op() == Op.ORTHOGONALIZE && !dead.contains(i) && analysis.isArray(i)) {
                out.add(Diagnostic.error(program.source().statement(i), "orthogonalize needs 2-D tensors, and these "
                        + layout.segments().size() + " parameter tensor(s) are all 1-D; route 1-D parameters to "
                        + "another program (Optimizers.routed)"));
                break;
            }
        }
        return out;
    }

    /** Throws {@link ProgramException} with the errors of {@link #check}. */
    public static void require(Analysis analysis, ParamLayout layout) {
        List<Diagnostic> errors = check(analysis, layout);
        if (!errors.isEmpty()) {
            throw new ProgramException(errors);
        }
    }
}
