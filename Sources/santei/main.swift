print("santei")
