package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.runtime.change.Approval;
import io.portcullis.runtime.change.ChangeControl;
import io.portcullis.runtime.change.ChangeFile;
import io.portcullis.runtime.change.ChangeGate;
import io.portcullis.runtime.change.ChangeRecord;
import io.portcullis.runtime.change.RiskAssessment;
import io.portcullis.runtime.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Changes view: the change records in {@code changeControl.changes} not yet in force (their candidate is not
 * the plan served) and not expired, each with its semantic diff ({@code runtime.diff}'s JSON, as proposed and
 * signed), risk, baseline results, approvals and what it still lacks ({@link ChangeGate#standing}, the gate's own
 * judgement). Empty without {@code changeControl}.
 */
final class PendingChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PendingChanges() {}

    static ObjectNode of(Plan plan, Instant now) {
        ObjectNode out = JSON.createObjectNode().put("plan", plan.digest().toString());
        ArrayNode list = out.putArray("pending");
        if (plan.node().changeControl().isEmpty()) {
            out.put("changeControl", false);
            return out;
        }
        out.put("changeControl", true);
        ChangeControl control = plan.node().changeControl().get();
        List<String> problems = new ArrayList<>();
        for (Path file : ChangeGate.records(control.changes(), problems)) {
            ChangeFile record;
            try {
                record = ChangeFile.read(file);
            } catch (IOException | RuntimeException e) {
                problems.add(file.getFileName() + ": " + e.getMessage());
                continue;
            }
            ChangeRecord c = record.change();
            if (c.to().equals(plan.digest().toString()) || !now.isBefore(c.expires())) {
                continue;
            }
            ObjectNode o = list.addObject().put("file", file.getFileName().toString()).put("id", c.id())
                    .put("from", c.from()).put("to", c.to()).put("author", c.author()).put("reason", c.reason())
                    .put("created", c.created().toString()).put("expires", c.expires().toString())
                    .put("appliesToPlanInForce", c.from().equals(plan.digest().toString()));
            RiskAssessment risk = c.risk();
            ObjectNode r = o.putObject("risk").put("level", risk.level().id());
            ArrayNode contributions = r.putArray("contributions");
            risk.contributions().forEach(x -> contributions.addObject().put("rule", x.rule()).put("level", x.level().id())
                    .put("detail", x.detail()));
            c.required().ifPresent(req -> o.put("required", req.toString()));
            ArrayNode approvals = o.putArray("approvals");
            for (Approval a : record.approvals()) {
                approvals.addObject().put("approver", a.approver()).put("keyId", a.keyId());
            }
            ArrayNode lacking = o.putArray("lacking");
            ChangeGate.standing(record, control, now).forEach(lacking::add);
            o.set("baselines", c.baselines());
            o.set("diff", c.diff());
        }
        ArrayNode p = out.putArray("problems");
        problems.forEach(p::add);
        return out;
    }
}
