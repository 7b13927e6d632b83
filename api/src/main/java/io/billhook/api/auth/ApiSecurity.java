package io.billhook.api.auth;

import io.billhook.api.docs.ApiDocs;
import io.billhook.core.keys.ApiKeys;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Access control of the REST edge. Decided on the decoded, normalised path that routing uses (path
 * patterns, as Spring MVC), after the firewall has refused every path that could be read two ways.
 * Deny by default: every request needs a valid bearer token except the allowlist below. The admin
 * token reaches every route; a vendor's API key reaches that vendor's routes (but not its keys) and
 * the event-type catalogue.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {
  private static final BearerChallenge CHALLENGE = new BearerChallenge();

  @Bean
  SecurityFilterChain apiAccess(HttpSecurity http, ApiToken token, ApiKeys keys) throws Exception {
    bearerTokens(http, token, keys)
        .authorizeHttpRequests(
            requests ->
                requests
                    // The error path during an error dispatch: it renders the error of a request
                    // that this chain has already let through or answered.
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/actuator/health")
                    .permitAll()
                    // The web console's files hold no data; it calls the API with the user's key.
                    .requestMatchers(HttpMethod.GET, "/console/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, ApiDocs.PUBLIC)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/v1/event-types", "/v1/console")
                    .hasAnyAuthority(ApiCaller.ADMIN, ApiCaller.VENDOR)
                    // Keys are managed with the admin token only, even a vendor's own.
                    .requestMatchers("/v1/vendors/{vendorId}/api-keys/**")
                    .hasAuthority(ApiCaller.ADMIN)
                    .requestMatchers("/v1/vendors/{vendorId}/**")
                    .access(new VendorAccess())
                    .anyRequest()
                    .hasAuthority(ApiCaller.ADMIN));
    return http.build();
  }

  /**
   * Stateless, no CSRF or sessions: each request carries its bearer token, answered as problems.
   */
  static HttpSecurity bearerTokens(HttpSecurity http, ApiToken token, ApiKeys keys)
      throws Exception {
    return http.csrf(csrf -> csrf.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAt(
            BearerTokenAuthentication.filter(token, keys, CHALLENGE),
            BasicAuthenticationFilter.class)
        .exceptionHandling(
            e -> e.authenticationEntryPoint(CHALLENGE).accessDeniedHandler(CHALLENGE));
  }

  /**
   * No observations of Spring Security's own (a timer around every filter of the chain, and one per
   * authentication and authorization): they cost CPU on every request and are not among the
   * published metrics. Requests are still timed as {@code http_server_requests_seconds}.
   */
  @Bean
  static SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /** Declared so that no default user (and no generated password in the log) is set up. */
  @Bean
  AuthenticationManager apiTokenVerifier(ApiToken token, ApiKeys keys) {
    return BearerTokenAuthentication.verifier(token, keys);
  }

  /**
   * Spring Security's strict firewall (no encoded '/', '\', '%', '.', no ';', '//', dot segments,
   * NUL or non-printable characters), its refusals answered as problem+json.
   */
  @Bean
  WebSecurityCustomizer firewall() {
    return web ->
        web.httpFirewall(new StrictHttpFirewall())
            .requestRejectedHandler(new RejectedRequestProblem());
  }
}
