package com.bazaar.catalog;

/** The one wording for a store or product id that does not exist: the API's 404s and the worker's rejections. */
public final class Missing {
    private Missing() {
    }

    public static String store(long storeId) {
        return "Store " + storeId + " not found";
    }

    public static String product(long productId) {
        return "Product " + productId + " not found";
    }
}
