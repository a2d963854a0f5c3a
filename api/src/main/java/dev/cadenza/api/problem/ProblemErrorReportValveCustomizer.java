package dev.cadenza.api.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Installs {@link ProblemErrorReportValve} in place of Tomcat's (and Spring Boot's) HTML error
 * report valve. Runs after Boot's own customizer, so it removes the valve Boot adds.
 */
@Component
public class ProblemErrorReportValveCustomizer
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      Container host = context.getParent();
      Pipeline pipeline = host.getPipeline();
      for (Valve valve : pipeline.getValves()) {
        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
          pipeline.removeValve(valve);
        }
      }
      pipeline.addValve(new ProblemErrorReportValve());
      if (host instanceof StandardHost standardHost) {
        // Otherwise the host adds its default valve again when it starts.
        standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
      }
    });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
