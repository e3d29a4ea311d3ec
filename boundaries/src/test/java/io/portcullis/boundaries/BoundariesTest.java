package io.portcullis.boundaries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static io.portcullis.boundaries.Boundaries.packages;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.portcullis.boundaries.sample.other.Leak;
import io.portcullis.boundaries.sample.owner.Facade;
import io.portcullis.boundaries.sample.owner.internal.Hidden;
import io.portcullis.boundaries.sample.owner.sub.Deeper;
import org.junit.jupiter.api.Test;

/** The rules catch what they are for, on sample classes that break them (so a green run means something). */
class BoundariesTest {

    static final JavaClasses SAMPLE = new ClassFileImporter().importClasses(Hidden.class, Facade.class, Deeper.class,
            Leak.class);

    @Test
    void anInternalPackageUsedFromOutsideItsOwnerIsAViolationAndFromInsideIsNot() {
        EvaluationResult result = classes().should(Boundaries.useInternalPackagesOnlyOfTheirOwner()).evaluate(SAMPLE);
        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .startsWith("Method <" + Leak.class.getName() + ".value()> calls method <" + Hidden.class.getName());
    }

    @Test
    void aModuleUsingAnotherThatItMayNotIsAViolation() {
        ArchRule other = packages("boundaries.sample.other").mayUseOnly();
        assertThat(other.evaluate(SAMPLE).getFailureReport().getDetails()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("Method <" + Leak.class.getName() + ".value()>"));
        assertThat(packages("boundaries.sample.other").mayUseOnly("boundaries.sample.owner").evaluate(SAMPLE)
                .hasViolation()).isFalse();
        assertThat(packages("boundaries.sample.owner").mayNotUse("boundaries.sample.other").evaluate(SAMPLE)
                .hasViolation()).isFalse();
        assertThat(packages("boundaries.sample.owner").mayBeUsedByNothingElse().evaluate(SAMPLE).hasViolation())
                .isTrue();
    }

    @Test
    void namesTheOwnerOfAnInternalPackage() {
        assertThat(Boundaries.ownerOfInternal("io.portcullis.config.internal")).isEqualTo("io.portcullis.config");
        assertThat(Boundaries.ownerOfInternal("io.portcullis.a.b.internal.c")).isEqualTo("io.portcullis.a.b");
        assertThat(Boundaries.ownerOfInternal("io.portcullis.config.internals")).isNull();
        assertThat(Boundaries.ownerOfInternal("io.netty.util.internal")).isNull();
    }
}
