package io.vigil.api;

import io.vigil.api.routes.AuditRoutes;
import io.vigil.api.routes.DisasterRoutes;
import io.vigil.api.routes.IncidentRoutes;
import io.vigil.api.routes.MetaRoutes;
import io.vigil.api.routes.PlanRoutes;
import io.vigil.api.routes.ReportRoutes;
import io.vigil.api.routes.ScheduleRoutes;
import io.vigil.api.routes.SiteRecordRoutes;
import io.vigil.api.routes.SiteRoutes;
import io.vigil.api.routes.SiteTestRoutes;
import io.vigil.api.routes.TokenRoutes;
import java.util.ArrayList;
import java.util.List;

/** Every operation of the API, in the order of docs/api.md. */
public final class ApiRoutes {

    private ApiRoutes() {}

    public static List<Route> all(ApiConfig config, ApiServer.Services services) {
        ApiAudit audit = new ApiAudit(services.auditLog(), config.auditTimeout());
        List<Route> routes = new ArrayList<>();
        routes.addAll(MetaRoutes.routes());
        routes.addAll(IncidentRoutes.routes(services.incidents(), services.automation(), audit));
        routes.addAll(PlanRoutes.incidentRoutes(services.automation(), audit));
        routes.addAll(SiteRoutes.routes(services.registry(), services.enrollment(), audit));
        routes.addAll(SiteRecordRoutes.routes(services.automation(), audit));
        routes.addAll(ScheduleRoutes.routes(services.automation(), audit));
        routes.addAll(SiteTestRoutes.routes(services.automation(), audit));
        routes.addAll(PlanRoutes.planRoutes(services.automation(), audit));
        routes.addAll(ReportRoutes.routes(services.automation()));
        routes.addAll(DisasterRoutes.routes(services.automation(), audit));
        routes.addAll(AuditRoutes.routes(services.dataSource(), services.auditFetchSize()));
        routes.addAll(TokenRoutes.routes(services.tokens(), audit, config.tokenTtl(), config.tokenMaxTtl()));
        return List.copyOf(routes);
    }
}
