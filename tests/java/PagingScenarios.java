// Scenarios for the pagination fixture's Java client, driven by tests/e2e/test_java_pagination.py against
// tests/servers/paging_server.py: each run does one scenario and prints one JSON line saying what it saw.
// The same lists as the Python client's tests (test_pagination.py), so both clients page alike.
// Scenarios named `lazy...` stop at each `wait` line until the test, having counted the requests the
// server received so far, answers on stdin.

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paging.api.client.PagingClient;
import com.paging.api.client.PagingClientAsync;
import com.paging.api.client.okhttp.PagingOkHttpClient;
import com.paging.api.core.AutoPager;
import com.paging.api.core.Json;
import com.paging.api.models.v1.articles.ArticleListArticlesParams;
import com.paging.api.models.v1.charges.ChargeListChargesPage;
import com.paging.api.models.v1.charges.ChargeListChargesParams;
import com.paging.api.models.v1.events.EventListEventsParams;
import com.paging.api.models.v1.positions.Position;
import com.paging.api.models.v1.positions.PositionListPositionsPage;
import com.paging.api.models.v1.positions.PositionListPositionsPageAsync;
import com.paging.api.models.v1.positions.PositionListPositionsParams;
import com.paging.api.models.v1.reports.ReportListReportsParams;
import com.paging.api.models.v1.repos.RepoListReposPage;
import com.paging.api.models.v1.repos.RepoListReposParams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

public final class PagingScenarios {
  private PagingScenarios() {}

  private static final BufferedReader STDIN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    ObjectNode out = Json.object();
    ExecutorService handlers = Executors.newSingleThreadExecutor();
    try (PagingClient client = PagingOkHttpClient.builder().apiKey("k").baseUrl(args[1]).maxRetries(0).build()) {
      run(scenario, client, handlers, out);
    } finally {
      handlers.shutdown();
    }
    System.out.println(out.toString());
  }

  /** Tells the test where the scenario is, and waits for it to have counted the requests. */
  private static void pause(String where) throws Exception {
    System.out.println("wait " + where);
    System.out.flush();
    STDIN.readLine();
  }

  private static PositionListPositionsParams positions() {
    return PositionListPositionsParams.builder().accountId(7).pageSize(3).build();
  }

  private static void names(ObjectNode out, String field, Iterable<String> names) {
    ArrayNode list = out.putArray(field);
    names.forEach(list::add);
  }

  private static void run(String scenario, PagingClient client, ExecutorService handlers, ObjectNode out) throws Exception {
    PagingClientAsync async = client.async();
    switch (scenario) {
      case "positions": {
        PositionListPositionsPage page = client.v1().positions().listPositions(positions());
        names(out, "first", page.items().stream().map(Position::symbol).collect(Collectors.toList()));
        out.put("next_page_token", page.metadata().nextPageToken().orElse(null));
        out.put("request_id", page.metadata().requestId());
        out.put("has_next_page", page.hasNextPage());
        out.put("next_params", page.nextPageParams().map(Object::toString).orElse(null));
        names(out, "all", page.autoPager().stream().map(Position::symbol).collect(Collectors.toList()));
        break;
      }
      case "pages": {
        PositionListPositionsPage page = client.v1().positions().listPositions(positions());
        ArrayNode sizes = out.putArray("sizes");
        sizes.add(page.items().size());
        PositionListPositionsPage second = page.nextPage();
        names(out, "second", second.items().stream().map(Position::symbol).collect(Collectors.toList()));
        PositionListPositionsPage last = page;
        while (last.hasNextPage()) {
          last = last.nextPage();
          sizes.add(last.items().size());
        }
        out.put("last_has_next_page", last.hasNextPage());
        out.put("last_next_params", last.nextPageParams().isPresent());
        try {
          last.nextPage();
          out.put("after_last", "no error");
        } catch (NoSuchElementException e) {
          out.put("after_last", e.getMessage());
        }
        break;
      }
      case "stuck": {
        PositionListPositionsParams params = PositionListPositionsParams.builder().accountId(7).pageToken("3").pageSize(3).build();
        names(out, "all", client.v1().positions().listPositions(params).autoPager().stream().map(Position::symbol).collect(Collectors.toList()));
        break;
      }
      case "charges": {
        ChargeListChargesPage page = client.v1().charges().listCharges(ChargeListChargesParams.builder().limit(2).build());
        out.put("has_more", page.hasMore());
        names(out, "all", page.autoPager().stream().map(c -> c.id()).collect(Collectors.toList()));
        break;
      }
      case "events":
      case "events3": {
        long limit = scenario.equals("events") ? 2 : 3;
        AutoPager<com.paging.api.models.v1.events.Event> pager =
            client.v1().events().listEvents(EventListEventsParams.builder().limit(limit).build()).autoPager();
        List<String> ids = new ArrayList<>();
        for (com.paging.api.models.v1.events.Event e : pager) ids.add(String.valueOf(e.id()));
        names(out, "all", ids);
        break;
      }
      case "articles":
        names(out, "all", client.v1().articles().listArticles(ArticleListArticlesParams.builder().perPage(2).build())
            .autoPager().stream().map(a -> a.title()).collect(Collectors.toList()));
        break;
      case "repos": {
        RepoListReposPage page = client.v1().repos().listRepos(RepoListReposParams.builder().perPage(2).build());
        names(out, "first", page.items().stream().map(r -> r.name()).collect(Collectors.toList()));
        out.put("has_next_page", page.hasNextPage());
        names(out, "all", page.autoPager().stream().map(r -> r.name()).collect(Collectors.toList()));
        break;
      }
      case "reports":
        names(out, "all", client.v1().reports().listReports(ReportListReportsParams.builder().build())
            .autoPager().stream().map(r -> r.name()).collect(Collectors.toList()));
        break;
      case "limit": {
        // As many items as the test asks for (stdin), from a stream over every page.
        int n = Integer.parseInt(STDIN.readLine().trim());
        names(out, "all", client.v1().positions().listPositions(positions()).autoPager().stream().limit(n)
            .map(Position::symbol).collect(Collectors.toList()));
        break;
      }
      case "lazy": {
        PositionListPositionsPage page = client.v1().positions().listPositions(positions());
        pause("first-page");
        Iterator<Position> items = page.autoPager().iterator();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) seen.add(items.next().symbol());
        pause("three-items");
        seen.add(items.next().symbol());
        pause("four-items");
        while (items.hasNext()) seen.add(items.next().symbol());
        names(out, "all", seen);
        break;
      }
      case "async_positions": {
        PositionListPositionsPageAsync page = async.v1().positions().listPositions(positions()).get();
        out.put("next_page_token", page.metadata().nextPageToken().orElse(null));
        out.put("has_next_page", page.hasNextPage());
        PositionListPositionsPageAsync second = page.nextPage().get();
        names(out, "second", second.items().stream().map(Position::symbol).collect(Collectors.toList()));
        List<String> seen = new ArrayList<>();
        page.autoPager().subscribe(p -> seen.add(p.symbol()), handlers).get();
        names(out, "all", seen);
        PositionListPositionsPageAsync last = second.nextPage().get();
        try {
          last.nextPage().get();
          out.put("after_last", "no error");
        } catch (ExecutionException e) {
          out.put("after_last", e.getCause().getClass().getSimpleName());
        }
        break;
      }
      case "async_styles": {
        List<String> seen = new ArrayList<>();
        async.v1().charges().listCharges(ChargeListChargesParams.builder().limit(2).build())
            .thenCompose(page -> page.autoPager().subscribe(c -> seen.add(c.id()), handlers)).get();
        async.v1().events().listEvents(EventListEventsParams.builder().limit(2).build())
            .thenCompose(page -> page.autoPager().subscribe(e -> seen.add(String.valueOf(e.id())), handlers)).get();
        async.v1().articles().listArticles(ArticleListArticlesParams.builder().perPage(2).build())
            .thenCompose(page -> page.autoPager().subscribe(a -> seen.add(a.title()), handlers)).get();
        async.v1().repos().listRepos(RepoListReposParams.builder().perPage(2).build())
            .thenCompose(page -> page.autoPager().subscribe(r -> seen.add(r.name()), handlers)).get();
        async.v1().reports().listReports(ReportListReportsParams.builder().build())
            .thenCompose(page -> page.autoPager().subscribe(r -> seen.add(r.name()), handlers)).get();
        names(out, "all", seen);
        break;
      }
      case "async_lazy": {
        // forEach stops when the action returns false: the items asked for (stdin), no page beyond them.
        int n = Integer.parseInt(STDIN.readLine().trim());
        PositionListPositionsPageAsync page = async.v1().positions().listPositions(positions()).get();
        List<String> seen = new ArrayList<>();
        page.autoPager().forEach(p -> {
          seen.add(p.symbol());
          return seen.size() < n;
        }, handlers).get();
        names(out, "all", seen);
        break;
      }
      case "async_error": {
        // A failing handler fails the future with its own exception, and no next page is fetched.
        PositionListPositionsPageAsync page = async.v1().positions().listPositions(positions()).get();
        try {
          page.autoPager().subscribe(p -> {
            throw new IllegalStateException("handler failed at " + p.symbol());
          }, handlers).get();
          out.put("error", "none");
        } catch (ExecutionException e) {
          out.put("error", e.getCause().getMessage());
        }
        break;
      }
      default:
        throw new IllegalArgumentException("no scenario " + scenario);
    }
  }
}
