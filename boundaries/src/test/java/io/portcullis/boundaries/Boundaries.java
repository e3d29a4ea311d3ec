package io.portcullis.boundaries;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The kinds of boundary rule, over packages named relative to {@code io.portcullis} ({@code "gateway"} means
 * {@code io.portcullis.gateway..}). Dependencies are read from the compiled classes: imports, fully qualified
 * names, signatures, annotations, constants the compiler did not inline.
 */
final class Boundaries {

    static final String ROOT = "io.portcullis";

    private Boundaries() {}

    /** The packages a module holds, e.g. {@code packages("decision", "time")}. */
    static Packages packages(String... names) {
        return new Packages(names);
    }

    /** The classes of some top-level packages, to say what of ours they may use. */
    record Packages(String... names) {

        /** Of ours, these classes use only their own packages and the {@code allowed} ones. */
        ArchRule mayUseOnly(String... allowed) {
            String[] own = patterns(names);
            String[] permitted = Stream.concat(Arrays.stream(own), Arrays.stream(patterns(allowed)))
                    .toArray(String[]::new);
            return classes().that().resideInAnyPackage(own).should().onlyDependOnClassesThat(
                    resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(permitted)));
        }

        /** These classes use nothing in the {@code forbidden} packages. */
        ArchRule mayNotUse(String... forbidden) {
            return noClasses().that().resideInAnyPackage(patterns(names)).should().dependOnClassesThat()
                    .resideInAnyPackage(patterns(forbidden));
        }

        /** Nothing outside these packages uses anything in them. */
        ArchRule mayBeUsedByNothingElse() {
            String[] own = patterns(names);
            return noClasses().that().resideOutsideOfPackages(own).should().dependOnClassesThat()
                    .resideInAnyPackage(own);
        }
    }

    /**
     * A package named {@code internal}, at any depth of ours, is used only from the package that holds it and
     * that package's subpackages: {@code io.portcullis.config.internal} from {@code io.portcullis.config..}.
     */
    static ArchCondition<JavaClass> useInternalPackagesOnlyOfTheirOwner() {
        return new ArchCondition<>("use an internal package only from within the package that holds it") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String owner = ownerOfInternal(d.getTargetClass().getPackageName());
                    if (owner != null && !within(origin.getPackageName(), owner)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code io.portcullis.a.internal.x} → {@code io.portcullis.a}; null for a package that is not internal. */
    static String ownerOfInternal(String pkg) {
        if (!within(pkg, ROOT)) {
            return null;
        }
        int at = (pkg + ".").indexOf(".internal.");
        return at < 0 ? null : pkg.substring(0, at);
    }

    private static boolean within(String pkg, String parent) {
        return pkg.equals(parent) || pkg.startsWith(parent + ".");
    }

    private static String[] patterns(String... names) {
        return Arrays.stream(names).map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }
}
