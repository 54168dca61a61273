package io.github.alationgateway.store;

import org.springframework.data.jpa.repository.query.DeclaredQuery;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactory;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;

/**
 * Gives the repositories' {@code @Query} strings Spring Data's regex-based query enhancer instead of its ANTLR HQL
 * parser. The enhancer only rewrites a query to sort it or to count its rows, which none of ours needs; parsing them
 * with ANTLR cost a fifth of the main thread at start (bench/RESULTS.md, "Start time"). Hibernate still parses and
 * validates every one of them when the repositories are created, so a broken query still fails the start.
 */
public class RegexQueryEnhancers implements QueryEnhancerSelector {

    @Override
    public QueryEnhancerFactory select(DeclaredQuery query) {
        return QueryEnhancerFactories.fallback();
    }
}
