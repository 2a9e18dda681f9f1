package org.optsearch.optim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.StepReport;

/**
 * One optimizer made of several, each given the parameter tensors of some {@link ParamLayout.Role roles}:
 * Muon orthogonalizes the hidden matrices and leaves embeddings, the output head and 1-D parameters to
 * AdamW. Each route's optimizer sees its tensors as a layout of their own (contiguous, in model order);
 * a step gathers each route's weights and gradient, steps it, and scatters the weights back.
 *
 * <p>Its state holds every route's slots, in route order, so it saves and resumes like any other; the
 * routes' step counts follow its own. Make one with {@link Optimizers#routed}.
 */
public final class RoutedOptimizer implements Optimizer {

    /** One route: the roles it takes and the optimizer that steps them. */
    public record Route(Set<ParamLayout.Role> roles, Optimizer optimizer) {
        public Route {
            roles = Set.copyOf(roles);
        }
    }

    private final List<Route> routes;
    private final String name;
    private final String identity;

    /**
     * @throws IllegalArgumentException when a role is routed twice or to no optimizer, naming the roles
     *                                  and how to cover them
     */
    RoutedOptimizer(List<Route> routes) {
        this.routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("a routed optimizer needs at least one route");
        }
        EnumSet<ParamLayout.Role> covered = EnumSet.noneOf(ParamLayout.Role.class);
        for (Route r : routes) {
            for (ParamLayout.Role role : r.roles()) {
                if (!covered.add(role)) {
                    throw new IllegalArgumentException("role " + role + " is routed twice; give each role one optimizer");
                }
            }
        }
        EnumSet<ParamLayout.Role> missing = EnumSet.complementOf(covered);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the routing leaves parameters uncovered: no optimizer takes the roles "
                    + missing + ", whose tensors would never be updated; route them, e.g. .route(" + missing.stream()
                    .map(m -> "Role." + m).collect(Collectors.joining(", ")) + ", adamw)");
        }
        this.name = "routed(" + routes.stream().map(r -> r.optimizer().name()).collect(Collectors.joining(", ")) + ")";
        this.identity = name + routes.stream().map(r -> "\n[" + r.roles().stream().sorted().map(Enum::name)
                .collect(Collectors.joining(",")) + "]\n" + r.optimizer().identity()).collect(Collectors.joining());
    }

    public List<Route> routes() {
        return routes;
    }

    @Override
    public String name() {
        return name;
    }

    /** The first route's schedule; each route applies its own. */
    @Override
    public Schedule schedule() {
        return routes.get(0).optimizer().schedule();
    }

    @Override
    public String identity() {
        return identity;
    }

    /** Per route: which tensors it takes, its own state, and buffers to gather into. */
    private record Part(Optimizer optimizer, List<ParamLayout.Segment> segments, OptimizerState state, float[] w,
            float[] g) {
    }

    @Override
    public OptimizerState newState(ParamLayout layout) {
        List<Part> parts = new ArrayList<>();
        List<float[]> slots = new ArrayList<>();
        for (Route route : routes) {
            List<ParamLayout.Segment> mine = new ArrayList<>();
            List<ParamLayout.Segment> local = new ArrayList<>();
            int offset = 0;
            for (ParamLayout.Segment s : layout.segments()) {
                if (route.roles().contains(s.role())) {
                    mine.add(s);
                    local.add(s.at(offset));
                    offset += s.length();
                }
            }
            if (mine.isEmpty()) {
                continue; // this model has no tensor of these roles
            }
            OptimizerState state = route.optimizer().newState(new ParamLayout(local));
            slots.addAll(List.of(state.slots()));
            parts.add(new Part(route.optimizer(), mine, state, new float[offset], new float[offset]));
        }
        OptimizerState state = new OptimizerState(identity, layout, slots.toArray(new float[0][]), 0);
        state.work = parts;
        return state;
    }

    @SuppressWarnings("unchecked")
    @Override
    public StepReport step(float[] w, float[] g, OptimizerState state) {
        state.check(this, w, g);
        List<Part> parts = (List<Part>) state.work;
        long nonFinite = 0;
        for (Part p : parts) {
            gather(w, p.segments(), p.w());
            gather(g, p.segments(), p.g());
            p.state().setStep(state.step());
            nonFinite += p.optimizer().step(p.w(), p.g(), p.state()).nonFinite();
            scatter(p.w(), p.segments(), w);
        }
        state.advance();
        return nonFinite == 0 ? StepReport.CLEAN : new StepReport(nonFinite);
    }

    /** The weights, with each route's evaluation weights (a readout) in its tensors. */
    @SuppressWarnings("unchecked")
    @Override
    public float[] evalWeights(float[] w, OptimizerState state) {
        state.check(this, w, w);
        float[] out = w;
        for (Part p : (List<Part>) state.work) {
            gather(w, p.segments(), p.w());
            p.state().setStep(state.step());
            float[] e = p.optimizer().evalWeights(p.w(), p.state());
            if (e != p.w()) {
                out = out == w ? w.clone() : out;
                scatter(e, p.segments(), out);
            }
        }
        return out;
    }

    private static void gather(float[] full, List<ParamLayout.Segment> segments, float[] into) {
        int at = 0;
        for (ParamLayout.Segment s : segments) {
            System.arraycopy(full, s.offset(), into, at, s.length());
            at += s.length();
        }
    }

    private static void scatter(float[] from, List<ParamLayout.Segment> segments, float[] full) {
        int at = 0;
        for (ParamLayout.Segment s : segments) {
            System.arraycopy(from, at, full, s.offset(), s.length());
            at += s.length();
        }
    }

    /** Builds a routing role by role; {@link #build} refuses one that leaves a role to no optimizer. */
    public static final class Builder {
        private final Map<Set<ParamLayout.Role>, Optimizer> routes = new LinkedHashMap<>();

        Builder() {
        }

        /** Tensors of these roles go to {@code optimizer}. */
        public Builder route(Set<ParamLayout.Role> roles, Optimizer optimizer) {
            if (roles.isEmpty() || optimizer == null) {
                throw new IllegalArgumentException("a route needs at least one role and an optimizer");
            }
            routes.put(EnumSet.copyOf(roles), optimizer);
            return this;
        }

        /** Tensors of this role go to {@code optimizer}. */
        public Builder route(ParamLayout.Role role, Optimizer optimizer) {
            return route(EnumSet.of(role), optimizer);
        }

        /**
         * @throws IllegalArgumentException when a role is routed twice or to no optimizer
         */
        public RoutedOptimizer build() {
            List<Route> list = new ArrayList<>();
            routes.forEach((roles, optimizer) -> list.add(new Route(roles, optimizer)));
            return new RoutedOptimizer(list);
        }
    }
}
